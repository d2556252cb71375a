using System.Diagnostics;
using Credentials.Invalidation;
using Credentials.Npgsql.Invalidation;
using Credentials.Npgsql.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Credentials.Npgsql.Tests.Invalidation;

/// <summary>What the PostgreSQL channel does beyond the contract: registration, disposal, and a database that cannot be reached.</summary>
public sealed class PostgreSqlInvalidationChannelTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddPostgreSqlInvalidation_ReplacesTheInProcessChannel()
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddPostgreSqlInvalidation(server.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ICredentialInvalidationChannel>().Should().BeOfType<PostgreSqlInvalidationChannel>();
        services.Count(d => d.ServiceType == typeof(ICredentialInvalidationChannel)).Should().Be(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper_case")]
    [InlineData("9starts_with_a_digit")]
    [InlineData("quote\"d")]
    [InlineData("a_name_longer_than_sixty_three_characters_is_cut_by_postgresql_x")]
    public void AddPostgreSqlInvalidation_ChannelNameNotAPlainIdentifier_FailsValidationNamingTheSetting(string name)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddPostgreSqlInvalidation(server.ConnectionString, o => o.ChannelName = name);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PostgreSqlInvalidationOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*PostgreSqlInvalidationOptions.ChannelName*");
    }

    [Fact]
    public void AddPostgreSqlInvalidation_MalformedConnectionString_ThrowsAtRegistration()
    {
        var act = () => new ServiceCollection().AddCredentials().AddPostgreSqlInvalidation("Host=127.0.0.1;Port=not-a-number");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task DisposeAsync_Listening_StopsTheLoopAndClosesItsConnection()
    {
        var channelName = "t" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddCredentials().AddPostgreSqlInvalidation(server.ConnectionString, o => o.ChannelName = channelName);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ICredentialInvalidationChannel>();
        await WaitUntilAsync(async () => await ListenersAsync(channelName) == 1);

        var disposing = Stopwatch.StartNew();
        await provider.DisposeAsync();

        disposing.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(async () => await ListenersAsync(channelName) == 0);
    }

    [Fact]
    public async Task PublishAsync_DatabaseUnreachable_DeliversLocallyAndTheListenerRetriesWithGrowingDelays()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        // Port 1 on loopback: nothing listens there, so connecting is refused at once.
        services.AddCredentials().AddPostgreSqlInvalidation("Host=127.0.0.1;Port=1;Username=postgres;Timeout=3");
        await using var provider = services.BuildServiceProvider();
        var channel = provider.GetRequiredService<ICredentialInvalidationChannel>();
        var heard = new List<CredentialInvalidation>();
        using var subscription = channel.Subscribe(heard.Add);
        var message = CredentialInvalidation.ForKey(Guid.NewGuid());

        await channel.PublishAsync(message, CancellationToken.None);

        heard.Should().Equal(message);
        var logs = provider.GetFakeLogCollector();
        await WaitUntilAsync(() => Task.FromResult(logs.GetSnapshot().Count(r => r.Id.Id == 7200) >= 3));
        logs.GetSnapshot().Where(r => r.Id.Id == 7200).Take(3).Select(r => r.StructuredState!.Single(s => s.Key == "Delay").Value)
            .Should().Equal("00:00:00.1000000", "00:00:00.2000000", "00:00:00.4000000");
        logs.GetSnapshot().Should().Contain(r => r.Id.Id == 4800, "the failed send is logged by the channel's common part");
    }

    private async Task<long> ListenersAsync(string channelName) =>
        (long)(await server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE query = $1", $"LISTEN {channelName}"))!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.Should().BeLessThan(Patience, "the condition should have held by now");
            await Task.Delay(50);
        }
    }
}
