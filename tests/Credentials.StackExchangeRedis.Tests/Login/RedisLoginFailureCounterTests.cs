using Credentials.Login;
using Credentials.StackExchangeRedis.Login;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.StackExchangeRedis.Tests.Login;

/// <summary>The Redis failed-login counter itself: atomic counts, fixed windows kept by the server's TTLs.</summary>
public sealed class RedisLoginFailureCounterTests(RedisServer server) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly LoginFailureKeys Keys = new("3q2+7w3q2+7w3q2+7w3q2w==", "10.0.0.1");

    private readonly ServiceProvider _services = Services(server);

    private ILoginFailureCounter Counter => _services.GetRequiredService<ILoginFailureCounter>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void AddRedis_WithoutAspNetCore_RegistersTheRedisCounter() =>
        Counter.Should().BeOfType<RedisLoginFailureCounter>();

    [Fact]
    public async Task RecordFailureAsync_64ParallelFailures_CountsEachExactlyOnce()
    {
        var window = TimeSpan.FromMinutes(15);

        var counts = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Counter.RecordFailureAsync(Keys, window, CancellationToken.None).AsTask()));
        var read = await Counter.ReadAsync(Keys, CancellationToken.None);

        counts.Select(c => c.Username.Failures).Should().BeEquivalentTo(Enumerable.Range(1, 64).Select(i => (long)i), "each failure saw its own count");
        counts.Select(c => c.Address.Failures).Should().BeEquivalentTo(Enumerable.Range(1, 64).Select(i => (long)i));
        read.Username.Failures.Should().Be(64);
        read.Address.Failures.Should().Be(64);
        read.Username.Remaining.Should().BePositive().And.BeLessThanOrEqualTo(window);
    }

    [Fact]
    public async Task ReadAsync_NoFailures_CountsNothing()
    {
        var read = await Counter.ReadAsync(Keys, CancellationToken.None);

        read.Should().Be(default(LoginFailureCounts));
    }

    [Fact]
    public async Task RecordFailureAsync_RunningWindow_IsNotExtended()
    {
        var first = await Counter.RecordFailureAsync(Keys, TimeSpan.FromMinutes(15), CancellationToken.None);

        var second = await Counter.RecordFailureAsync(Keys, TimeSpan.FromMinutes(30), CancellationToken.None);

        second.Username.Failures.Should().Be(2);
        second.Username.Remaining.Should().BeLessThanOrEqualTo(first.Username.Remaining, "the window runs from the first failure");
    }

    /// <summary>The one test that waits: Redis ends windows on its own clock, so a short real window is unavoidable.</summary>
    [Fact]
    public async Task ReadAsync_WindowEnded_CountsNothingAndTheKeyIsGone()
    {
        await Counter.RecordFailureAsync(Keys, TimeSpan.FromMilliseconds(200), CancellationToken.None);

        LoginFailureCounts read;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(50);
            read = await Counter.ReadAsync(Keys, CancellationToken.None);
        }
        while (read.Username.Failures > 0 && waited.Elapsed < TimeSpan.FromSeconds(10));

        read.Should().Be(default(LoginFailureCounts));
        var prefix = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RedisCredentialsOptions>>().Value.KeyPrefix;
        server.Multiplexer.GetServers().Single().Keys(pattern: prefix + "*").Should().BeEmpty();
    }

    [Fact]
    public async Task RecordFailureAsync_OverlongKey_ThrowsWithoutTouchingRedis()
    {
        var act = async () => await Counter.RecordFailureAsync(
            new LoginFailureKeys(new string('u', LoginFailureKeys.MaximumKeyLength + 1), "10.0.0.1"), TimeSpan.FromMinutes(1), CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private static ServiceProvider Services(RedisServer server)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => server.Multiplexer, options => options.KeyPrefix = RedisServer.NewKeyPrefix());
        return services.BuildServiceProvider();
    }
}
