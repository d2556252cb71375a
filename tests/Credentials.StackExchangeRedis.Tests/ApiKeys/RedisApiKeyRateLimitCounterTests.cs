using Credentials.ApiKeys;
using Credentials.StackExchangeRedis.ApiKeys;
using Credentials.StackExchangeRedis.Tests.Infrastructure;

namespace Credentials.StackExchangeRedis.Tests.ApiKeys;

/// <summary>
/// The Redis rate-limit counter itself: one budget per key and limit, fixed windows picked by the host's fake clock
/// (no test waits for a window), keys that name the key's uuid and the limit and die with their window.
/// </summary>
public sealed class RedisApiKeyRateLimitCounterTests(RedisServer server) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly RateLimitCounterHost _host = new(server.ConnectionString);

    public void Dispose() => _host.Dispose();

    [Fact]
    public void AddRedis_RegistersTheRedisCounter() =>
        _host.Counter.Should().BeOfType<RedisApiKeyRateLimitCounter>();

    [Fact]
    public async Task AcquireAsync_64ParallelRequestsPerWindow_AdmitsExactlyTheLimitEachWindow()
    {
        var key = Guid.NewGuid();
        ApiKeyRateLimit[] limits = [new() { Name = "default", Limit = 50, Window = Minute }];

        async Task<int> AdmittedAsync() => (await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
            (await _host.Counter.AcquireAsync(key, limits, CancellationToken.None)).Admitted)))).Count(admitted => admitted);

        var first = await AdmittedAsync();
        _host.Clock.Advance(Minute);
        var second = await AdmittedAsync();

        first.Should().Be(50);
        second.Should().Be(50, "the host's clock moved into the next window, whatever Redis's clock says");
    }

    [Fact]
    public async Task AcquireAsync_UpToTheLimit_ReportsTheStandingAndRefusesWithoutCounting()
    {
        var key = Guid.NewGuid();
        _host.Clock.Advance(TimeSpan.FromSeconds(20)); // 12:00:20, 40 s before the window turns over
        ApiKeyRateLimit[] limits = [new() { Name = "default", Limit = 2, Window = Minute }];

        var first = await _host.Counter.AcquireAsync(key, limits, CancellationToken.None);
        var second = await _host.Counter.AcquireAsync(key, limits, CancellationToken.None);
        var refused = await _host.Counter.AcquireAsync(key, limits, CancellationToken.None);
        var refusedAgain = await _host.Counter.AcquireAsync(key, limits, CancellationToken.None);

        first.Should().Be(new ApiKeyRateLimitDecision(true, new ApiKeyRateLimitStatus("default", 2, 1, TimeSpan.FromSeconds(40))));
        second.Should().Be(new ApiKeyRateLimitDecision(true, new ApiKeyRateLimitStatus("default", 2, 0, TimeSpan.FromSeconds(40))));
        refused.Should().Be(new ApiKeyRateLimitDecision(false, new ApiKeyRateLimitStatus("default", 2, 0, TimeSpan.FromSeconds(40))));
        refusedAgain.Should().Be(refused, "a refused request is not counted");
    }

    [Fact]
    public async Task AcquireAsync_SeveralLimits_ReportsTheTightestAndRefusesOnAny()
    {
        var key = Guid.NewGuid();
        ApiKeyRateLimit[] limits = [new() { Name = "minute", Limit = 10, Window = Minute }, new() { Name = "burst", Limit = 1, Window = TimeSpan.FromSeconds(1) }];

        var first = await _host.Counter.AcquireAsync(key, limits, CancellationToken.None);
        var refused = await _host.Counter.AcquireAsync(key, limits, CancellationToken.None);

        first.Admitted.Should().BeTrue();
        first.Status.Name.Should().Be("burst");
        refused.Admitted.Should().BeFalse();
        refused.Status.Name.Should().Be("burst");
    }

    [Fact]
    public async Task AcquireAsync_ChangedLimitOrOtherKey_CountsApart()
    {
        var key = Guid.NewGuid();
        ApiKeyRateLimit[] one = [new() { Name = "default", Limit = 1, Window = Minute }];
        ApiKeyRateLimit[] two = [new() { Name = "default", Limit = 2, Window = Minute }];

        await _host.Counter.AcquireAsync(key, one, CancellationToken.None);
        var sameLimit = await _host.Counter.AcquireAsync(key, one, CancellationToken.None);
        var changedLimit = await _host.Counter.AcquireAsync(key, two, CancellationToken.None);
        var otherKey = await _host.Counter.AcquireAsync(Guid.NewGuid(), one, CancellationToken.None);

        sameLimit.Admitted.Should().BeFalse();
        changedLimit.Admitted.Should().BeTrue("a changed limit starts a fresh window, as in process");
        otherKey.Admitted.Should().BeTrue();
    }

    [Fact]
    public async Task AcquireAsync_Keys_NameTheKeyAndTheLimitAndExpireWithTheWindow()
    {
        var key = Guid.NewGuid();
        _host.Clock.Advance(TimeSpan.FromSeconds(20));

        await _host.Counter.AcquireAsync(key, [new ApiKeyRateLimit { Name = "burst", Limit = 5, Window = Minute }], CancellationToken.None);

        var stored = server.Multiplexer.GetServers().Single().Keys(pattern: _host.KeyPrefix + "*").Select(k => k.ToString()).ToList();
        stored.Should().ContainSingle().Which.Should().StartWith($"{_host.KeyPrefix}ratelimit:{key:N}:60:5:").And.EndWith(":burst");
        var ttl = await server.Multiplexer.GetDatabase().KeyTimeToLiveAsync(stored[0]);
        ttl.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(40) + RedisApiKeyRateLimitCounter.ClockTolerance);
    }

    [Fact]
    public async Task AcquireAsync_OverlongLimitName_ThrowsWithoutTouchingRedis()
    {
        var limit = new ApiKeyRateLimit { Name = new string('n', ApiKeyRateLimit.MaxNameLength + 1), Limit = 1, Window = Minute };

        var act = async () => await _host.Counter.AcquireAsync(Guid.NewGuid(), [limit], CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
        server.Multiplexer.GetServers().Single().Keys(pattern: _host.KeyPrefix + "*").Should().BeEmpty();
    }
}
