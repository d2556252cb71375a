using System.Diagnostics;
using Credentials.Client;
using Credentials.StackExchangeRedis.Client;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.StackExchangeRedis.Tests.Client;

/// <summary>
/// Two client instances (separate service providers and connections) behind one API key share one token through
/// Redis and fetch it one at a time. The managers run on a fake clock started at the real time, so a token's expiry
/// can be reached at once; Redis TTLs and the lock run on real time.
/// </summary>
public sealed class RedisWebTokenCacheTests(RedisServer server) : IClassFixture<RedisServer>
{
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());

    [Fact]
    public async Task GetTokenAsync_TwentyCallersOnEachOfTwoInstances_FetchesOnceAndBothGetTheSameToken()
    {
        var endpoint = new CountingTokenEndpoint(_clock);
        var key = RedisServer.NewKeyPrefix() + "vendor";
        await using var first = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, _clock);
        await using var second = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, _clock);

        var tokens = await Task.WhenAll(first.GetTokensAsync(20), second.GetTokensAsync(20));

        endpoint.Fetches.Should().Be(1);
        tokens.SelectMany(t => t).Should().OnlyContain(token => token == "token-1");
    }

    [Fact]
    public async Task GetTokenAsync_AfterExpiryOnBothInstances_RefreshesOnceInTotal()
    {
        var endpoint = new CountingTokenEndpoint(_clock);
        var key = RedisServer.NewKeyPrefix() + "vendor";
        await using var first = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, _clock);
        await using var second = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, _clock);
        await Task.WhenAll(first.GetTokensAsync(1), second.GetTokensAsync(1));

        _clock.Advance(TimeSpan.FromHours(1));
        var tokens = await Task.WhenAll(first.GetTokensAsync(20), second.GetTokensAsync(20));

        endpoint.Fetches.Should().Be(2);
        endpoint.MaxInFlight.Should().Be(1);
        tokens.SelectMany(t => t).Should().OnlyContain(token => token == "token-2");
    }

    [Fact]
    public async Task GetTokenAsync_LockHolderDied_OtherInstanceFetchesOnceTheLockExpires()
    {
        var endpoint = new CountingTokenEndpoint(TimeProvider.System);
        var key = RedisServer.NewKeyPrefix() + "vendor";
        var lockDuration = TimeSpan.FromSeconds(1);
        await using var dead = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, TimeProvider.System, lockDuration);
        await using var alive = await ClientInstance.StartAsync(server.ConnectionString, key, endpoint, TimeProvider.System, lockDuration);
        // The dead instance took the lock and never released it, as a process killed mid-fetch.
        await ((IWebTokenRefreshLock)dead.Cache).AcquireRefreshLockAsync(CancellationToken.None);

        var elapsed = Stopwatch.StartNew();
        var token = await alive.Tokens.GetTokenAsync(CancellationToken.None);
        elapsed.Stop();

        token.Should().Be("token-1");
        endpoint.Fetches.Should().Be(1);
        elapsed.Elapsed.Should().BeGreaterThan(lockDuration * 0.5).And.BeLessThan(lockDuration + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SetAsync_Token_StoresItWithItsRemainingLifeAsTtl()
    {
        var key = RedisServer.NewKeyPrefix() + "vendor";
        var cache = new RedisWebTokenCache(server.Multiplexer, new RedisWebTokenCacheOptions { Key = key });
        var expiresAt = TimeProvider.System.GetUtcNow().AddMinutes(10);

        await cache.SetAsync(new FetchedWebToken("token-x", expiresAt), CancellationToken.None);

        var ttl = await server.Multiplexer.GetDatabase().KeyTimeToLiveAsync(key);
        ttl.Should().BeCloseTo(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));
        var shared = await cache.GetAsync(CancellationToken.None);
        shared!.Token.Should().Be("token-x");
        shared.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task AcquireRefreshLockAsync_LeaseDisposedAfterTheLockPassedToAnother_LeavesTheOtherOwnersLock()
    {
        var key = RedisServer.NewKeyPrefix() + "vendor";
        var options = new RedisWebTokenCacheOptions { Key = key, LockDuration = TimeSpan.FromMilliseconds(200), LockRetryDelay = TimeSpan.FromMilliseconds(20) };
        var cache = new RedisWebTokenCache(server.Multiplexer, options);
        var expired = await cache.AcquireRefreshLockAsync(CancellationToken.None);
        var current = await cache.AcquireRefreshLockAsync(CancellationToken.None);

        await expired.DisposeAsync();

        (await server.Multiplexer.GetDatabase().KeyExistsAsync(key + ":refresh-lock")).Should().BeTrue();
        await current.DisposeAsync();
        (await server.Multiplexer.GetDatabase().KeyExistsAsync(key + ":refresh-lock")).Should().BeFalse();
    }

    [Fact]
    public void Constructor_EmptyKey_ThrowsNamingTheSetting()
    {
        var act = () => new RedisWebTokenCache(server.Multiplexer, new RedisWebTokenCacheOptions());

        act.Should().Throw<ArgumentException>().WithMessage("RedisWebTokenCacheOptions.Key must*");
    }
}
