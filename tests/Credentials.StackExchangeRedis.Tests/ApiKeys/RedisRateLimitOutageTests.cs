using Credentials.ApiKeys;
using Credentials.StackExchangeRedis.Tests.Infrastructure;

namespace Credentials.StackExchangeRedis.Tests.ApiKeys;

/// <summary>
/// Redis going away under the rate-limit counter, on a server of this class's own: requests are counted in process
/// meanwhile (the limit still holds per instance: neither every metered key refused nor limits lifted), a warning says
/// so once, and the shared counts rule again when Redis is back.
/// </summary>
public sealed class RedisRateLimitOutageTests(RedisServer server) : IClassFixture<RedisServer>
{
    private const int FellBack = 7300;
    private const int Recovered = 7301;

    private static readonly ApiKeyRateLimit[] Limits = [new() { Name = "default", Limit = 2, Window = TimeSpan.FromMinutes(1) }];

    [Fact]
    public async Task AcquireAsync_RedisDown_CountsInProcessWarnsOnceAndResumesOnRedis()
    {
        using var host = new RateLimitCounterHost(server.Redis.Endpoint + ",connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000");
        var key = Guid.NewGuid();
        (await host.Counter.AcquireAsync(key, Limits, CancellationToken.None)).Admitted.Should().BeTrue("counted in Redis");

        await server.Redis.StopAsync();
        bool[] duringOutage;
        try
        {
            duringOutage = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await host.Counter.AcquireAsync(key, Limits, CancellationToken.None)).Admitted))];
        }
        finally
        {
            await server.Redis.RestartAsync();
        }

        duringOutage.Count(admitted => admitted).Should().Be(2, "the in-process counter holds the limit for this instance");
        host.Events.Ids.Count(id => id == FellBack).Should().Be(1, "one warning per outage, not one per request");

        for (var attempt = 0; attempt < 100 && !host.Events.Ids.Contains(Recovered); attempt++)
        {
            await Task.Delay(100);
            await host.Counter.AcquireAsync(Guid.NewGuid(), Limits, CancellationToken.None);
        }

        host.Events.Ids.Count(id => id == Recovered).Should().Be(1);
        (await host.Counter.AcquireAsync(key, Limits, CancellationToken.None)).Status.Remaining.Should().Be(1, "Redis restarted empty, and its counts rule again");
    }
}
