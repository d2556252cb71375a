using Credentials.Core.Tests.WebTokens;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Client.Tests;

/// <summary>Failed fetches: callers see them, background refreshes back off, nothing is left hanging.</summary>
public class WebTokenManagerFailureTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetTokenAsync_BackgroundRefreshFails_KeepsServingCurrentTokenAndBacksOff()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        await manager.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(49));
        endpoint.FailWith = new HttpRequestException("503");

        var tokens = new List<string> { await manager.GetTokenAsync(CancellationToken.None) };
        var fetchesAfterFirstFailure = endpoint.Fetches;
        tokens.Add(await manager.GetTokenAsync(CancellationToken.None));
        var fetchesInsideBackoff = endpoint.Fetches;
        _clock.Advance(TimeSpan.FromSeconds(1));
        tokens.Add(await manager.GetTokenAsync(CancellationToken.None));
        var fetchesAfterOneSecond = endpoint.Fetches;
        _clock.Advance(TimeSpan.FromSeconds(1));
        tokens.Add(await manager.GetTokenAsync(CancellationToken.None));
        var fetchesWhileDelayDoubled = endpoint.Fetches;
        endpoint.FailWith = null;
        _clock.Advance(TimeSpan.FromSeconds(1));
        tokens.Add(await manager.GetTokenAsync(CancellationToken.None));
        var recovered = await manager.GetTokenAsync(CancellationToken.None);

        tokens.Should().OnlyContain(t => t == "token-1");
        (fetchesAfterFirstFailure, fetchesInsideBackoff, fetchesAfterOneSecond, fetchesWhileDelayDoubled).Should().Be((2, 2, 3, 3));
        endpoint.Fetches.Should().Be(4);
        recovered.Should().Be("token-4");
    }

    [Fact]
    public async Task GetTokenAsync_BackgroundRefreshFails_LogsAWarningWithoutTheToken()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        var logger = new RecordingLogger<WebTokenManager>();
        using var manager = new WebTokenManager(endpoint.FetchAsync, timeProvider: _clock, logger: logger);
        await manager.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(49));
        endpoint.FailWith = new HttpRequestException("503");

        await manager.GetTokenAsync(CancellationToken.None);

        logger.Entries.Should().Contain(e => e.Id.Id == 2102);
        logger.Entries.Should().NotContain(e => e.Message.Contains("token-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetTokenAsync_FetchFails_EveryWaiterSeesTheFailureAndTheNextCallFetchesAgain()
    {
        var endpoint = new FakeTokenEndpoint(_clock)
        {
            Gate = new(TaskCreationOptions.RunContinuationsAsynchronously),
            FailWith = new HttpRequestException("token endpoint down"),
        };
        using var manager = endpoint.CreateManager();
        var waiters = Enumerable.Range(0, 10).Select(_ => manager.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();

        endpoint.Gate.SetResult();
        foreach (var waiter in waiters)
        {
            await waiter.Invoking(w => w).Should().ThrowAsync<HttpRequestException>().WithMessage("token endpoint down");
        }

        endpoint.FailWith = null;
        var token = await manager.GetTokenAsync(CancellationToken.None);

        endpoint.Fetches.Should().Be(2, "one failed fetch for ten waiters, then one fresh attempt");
        token.Should().Be("token-2");
    }

    [Fact]
    public async Task GetTokenAsync_FetchReturnsExpiredToken_FailsWithClockHint()
    {
        var endpoint = new FakeTokenEndpoint(_clock, TimeSpan.FromSeconds(-5));
        using var manager = endpoint.CreateManager();

        var act = async () => await manager.GetTokenAsync(CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*check both clocks*");
    }

    [Theory]
    [InlineData(60)]
    [InlineData(int.MaxValue)]
    public async Task GetTokenAsync_ManyFailuresWithLongRetryDelays_EveryCallerGetsTheFailure(int maxRetryMinutes)
    {
        // 2^30 doublings of 15 minutes overflow TimeSpan; a huge MaxRetryDelay overflows now + delay. Either used
        // to throw inside the failure handling, leaving the refresh (and every later caller) waiting for ever.
        var endpoint = new FakeTokenEndpoint(_clock) { FailWith = new HttpRequestException("down") };
        var options = new WebTokenClientOptions
        {
            InitialRetryDelay = TimeSpan.FromMinutes(15),
            MaxRetryDelay = maxRetryMinutes == int.MaxValue ? TimeSpan.MaxValue : TimeSpan.FromMinutes(maxRetryMinutes),
        };
        using var manager = endpoint.CreateManager(options);

        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var call = manager.GetTokenAsync(CancellationToken.None).AsTask();
            var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));
            finished.Should().BeSameAs(call, $"attempt {attempt} must answer, not hang");
            await call.Invoking(t => t).Should().ThrowAsync<HttpRequestException>();
        }
    }

    [Fact]
    public async Task GetTokenAsync_FetchWhoseCancellationCallbackThrows_CallerStillGetsTheFailure()
    {
        using var manager = new WebTokenManager(
            cancellationToken =>
            {
                cancellationToken.Register(() => throw new InvalidOperationException("the host's callback"));
                throw new HttpRequestException("down");
            },
            timeProvider: _clock);

        var call = manager.GetTokenAsync(CancellationToken.None).AsTask();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));

        finished.Should().BeSameAs(call, "the caller must be answered, not left waiting");
        await call.Invoking(t => t).Should().ThrowAsync<HttpRequestException>();
    }
}
