using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Tests.Client;

/// <summary>
/// Redis restarting without persistence under two client instances, on a server of this class's own: the shared
/// token is gone, each instance keeps using the token it holds, and the next refresh fetches once for both.
/// </summary>
public sealed class RedisWebTokenCacheRestartTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task GetTokenAsync_RefreshAfterRedisRestart_FetchesOnceForBothInstances()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var endpoint = new CountingTokenEndpoint(clock);
        var key = RedisServer.NewKeyPrefix() + "vendor";
        await using var first = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, clock);
        await using var second = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, clock);
        await Task.WhenAll(first.GetTokensAsync(5), second.GetTokensAsync(5));

        await server.Redis.RestartAsync();
        await WaitUntilReconnectedAsync(first.Multiplexer);
        await WaitUntilReconnectedAsync(second.Multiplexer);
        var heldMeanwhile = await Task.WhenAll(first.GetTokensAsync(1), second.GetTokensAsync(1));
        clock.Advance(TimeSpan.FromHours(1));
        var refreshed = await Task.WhenAll(first.GetTokensAsync(10), second.GetTokensAsync(10));

        heldMeanwhile.SelectMany(t => t).Should().OnlyContain(token => token == "token-1");
        endpoint.Fetches.Should().Be(2);
        refreshed.SelectMany(t => t).Should().OnlyContain(token => token == "token-2");
    }

    private static async Task WaitUntilReconnectedAsync(IConnectionMultiplexer multiplexer)
    {
        var database = multiplexer.GetDatabase();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await database.PingAsync();
                return;
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException && attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
