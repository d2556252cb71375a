using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credentials.StackExchangeRedis.Tests.HealthChecks;

/// <summary><c>AddHealthChecks().AddCredentialsRedis()</c> on a Redis of this class's own, stopped to see it fail.</summary>
public sealed class RedisHealthCheckTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Check_RedisUpThenStoppedThenBack_IsHealthyUnhealthyHealthy()
    {
        var connectionString = server.Redis.Endpoint + ",connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000";
        await using var provider = Services(connectionString);
        var health = provider.GetRequiredService<HealthCheckService>();

        var up = await CheckAsync(health);
        await server.Redis.StopAsync();
        HealthReportEntry down;
        try
        {
            down = await CheckAsync(health);
        }
        finally
        {
            await server.Redis.RestartAsync();
        }

        var back = await WaitUntilHealthyAsync(health);

        up.Status.Should().Be(HealthStatus.Healthy);
        up.Description.Should().StartWith("Redis answered PING");
        down.Status.Should().Be(HealthStatus.Unhealthy);
        down.Description.Should().StartWith("Redis does not answer PING").And.NotContain(server.Redis.Endpoint).And.NotContain("127.0.0.1");
        down.Exception.Should().BeNull();
        down.Data.Should().BeEmpty();
        back.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_WithoutAddRedis_ThrowsSayingWhatToCall()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCredentials();
        services.AddHealthChecks().AddCredentialsRedis();
        await using var provider = services.BuildServiceProvider();

        var act = () => CheckAsync(provider.GetRequiredService<HealthCheckService>());

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*call AddCredentials().AddRedis(...) too.");
    }

    private static async Task<HealthReportEntry> WaitUntilHealthyAsync(HealthCheckService health)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var entry = await CheckAsync(health);
            if (entry.Status == HealthStatus.Healthy || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return entry;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<HealthReportEntry> CheckAsync(HealthCheckService health) =>
        (await health.CheckHealthAsync()).Entries[RedisHealthChecksBuilderExtensions.RedisCheckName];

    private static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCredentials().AddRedis(connectionString, options => options.KeyPrefix = RedisServer.NewKeyPrefix());
        services.AddHealthChecks().AddCredentialsRedis();
        return services.BuildServiceProvider();
    }
}
