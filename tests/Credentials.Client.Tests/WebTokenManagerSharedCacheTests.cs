using Microsoft.Extensions.Time.Testing;

namespace Credentials.Client.Tests;

/// <summary>Several instances behind one API key share the token through an IWebTokenCache.</summary>
public class WebTokenManagerSharedCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetTokenAsync_SharedCache_SecondInstanceTakesTheFirstInstancesToken()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        var cache = new SharedTokenCache();
        using var first = endpoint.CreateManager(cache: cache);
        using var second = endpoint.CreateManager(cache: cache);

        var a = await first.GetTokenAsync(CancellationToken.None);
        var b = await second.GetTokenAsync(CancellationToken.None);

        (a, b).Should().Be(("token-1", "token-1"));
        endpoint.Fetches.Should().Be(1, "the second instance did not retire the first one's token");
    }

    [Fact]
    public async Task GetTokenAsync_SharedCacheAfterOtherInstanceRefreshed_AdoptsInsteadOfFetching()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        var cache = new SharedTokenCache();
        using var first = endpoint.CreateManager(cache: cache);
        using var second = endpoint.CreateManager(cache: cache);
        await first.GetTokenAsync(CancellationToken.None);
        await second.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(49));
        await first.GetTokenAsync(CancellationToken.None);
        await second.GetTokenAsync(CancellationToken.None);
        var a = await first.GetTokenAsync(CancellationToken.None);
        var b = await second.GetTokenAsync(CancellationToken.None);

        endpoint.Fetches.Should().Be(2, "one instance refreshed; the other picked its token up");
        (a, b).Should().Be(("token-2", "token-2"));
        endpoint.Current.Should().Be("token-2");
    }

    [Fact]
    public async Task Invalidate_SharedCacheHoldsTheRejectedToken_FetchesANewOne()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        var cache = new SharedTokenCache();
        using var manager = endpoint.CreateManager(cache: cache);
        var rejected = await manager.GetTokenAsync(CancellationToken.None);

        manager.Invalidate(rejected);
        var token = await manager.GetTokenAsync(CancellationToken.None);

        token.Should().Be("token-2");
        (await cache.GetAsync(CancellationToken.None))!.Token.Should().Be("token-2");
    }
}
