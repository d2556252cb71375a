using Credentials.WebTokens.Client;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.WebTokens.Client;

public class WebTokenManagerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetTokenAsync_ManyConcurrentCallersWithNoToken_OneFetchAndAllGetItsToken()
    {
        var endpoint = new FakeTokenEndpoint(_clock) { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var manager = endpoint.CreateManager();

        var onThisThread = Enumerable.Range(0, 50).Select(_ => manager.GetTokenAsync(CancellationToken.None).AsTask()).ToList();
        var onThreadPool = Enumerable.Range(0, 50).Select(_ => Task.Run(() => manager.GetTokenAsync(CancellationToken.None).AsTask())).ToList();
        await endpoint.FetchStarted.Task;
        onThisThread.Should().OnlyContain(t => !t.IsCompleted, "they wait for the fetch in flight");
        endpoint.Gate.SetResult();
        var tokens = await Task.WhenAll(onThisThread.Concat(onThreadPool));

        endpoint.Fetches.Should().Be(1);
        tokens.Should().OnlyContain(t => t == "token-1");
    }

    [Fact]
    public async Task GetTokenAsync_CachedTokenWellWithinLife_NoFetch()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        await manager.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(44));
        var token = await manager.GetTokenAsync(CancellationToken.None);

        token.Should().Be("token-1");
        endpoint.Fetches.Should().Be(1);
    }

    [Fact]
    public async Task GetTokenAsync_PastRefreshPoint_ServesCurrentTokenAndRefreshesInBackground()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        await manager.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(48) + TimeSpan.FromSeconds(1));
        var served = await manager.GetTokenAsync(CancellationToken.None);
        var next = await manager.GetTokenAsync(CancellationToken.None);

        served.Should().Be("token-1", "the current token still has 12 minutes and callers do not wait");
        endpoint.Fetches.Should().Be(2);
        next.Should().Be("token-2");
    }

    [Fact]
    public async Task GetTokenAsync_RefreshPoint_FallsBetween75And80PercentOfLife()
    {
        var refreshedAfter = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var clock = new FakeTimeProvider();
            var endpoint = new FakeTokenEndpoint(clock, TimeSpan.FromSeconds(1000));
            using var manager = endpoint.CreateManager();
            await manager.GetTokenAsync(CancellationToken.None);
            var seconds = 0;
            while (endpoint.Fetches == 1 && seconds < 1000)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                seconds++;
                await manager.GetTokenAsync(CancellationToken.None);
            }

            refreshedAfter.Add(seconds);
        }

        refreshedAfter.Should().OnlyContain(s => s >= 750 && s <= 801);
    }

    [Fact]
    public async Task GetTokenAsync_WithinExpiryMargin_WaitsForNewToken()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager(new WebTokenClientOptions { ExpiryMargin = TimeSpan.FromMinutes(1) });
        await manager.GetTokenAsync(CancellationToken.None);
        endpoint.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        _clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(1));
        var pending = manager.GetTokenAsync(CancellationToken.None).AsTask();

        pending.IsCompleted.Should().BeFalse("a token with under a minute left is not handed out");
        endpoint.Gate.SetResult();
        (await pending).Should().Be("token-2");
    }

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
    public async Task GetTokenAsync_OneWaiterCancels_OnlyItsWaitEndsAndTheSharedFetchCarriesOn()
    {
        var endpoint = new FakeTokenEndpoint(_clock) { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var manager = endpoint.CreateManager();
        using var impatient = new CancellationTokenSource();
        var cancelled = manager.GetTokenAsync(impatient.Token).AsTask();
        var patient = manager.GetTokenAsync(CancellationToken.None).AsTask();

        await impatient.CancelAsync();
        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        patient.IsCompleted.Should().BeFalse();
        endpoint.LastCancellationToken.IsCancellationRequested.Should().BeFalse();
        endpoint.Gate.SetResult();

        (await patient).Should().Be("token-1");
        endpoint.Fetches.Should().Be(1);
    }

    [Fact]
    public async Task GetTokenAsync_FetchHangs_TimesOutCancelsItAndTheNextCallFetchesAgain()
    {
        var endpoint = new FakeTokenEndpoint(_clock) { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var manager = endpoint.CreateManager(new WebTokenClientOptions { FetchTimeout = TimeSpan.FromSeconds(10) });
        var waiter = manager.GetTokenAsync(CancellationToken.None).AsTask();
        await endpoint.FetchStarted.Task;

        _clock.Advance(TimeSpan.FromSeconds(10));

        await waiter.Invoking(w => w).Should().ThrowAsync<TimeoutException>();
        endpoint.LastCancellationToken.IsCancellationRequested.Should().BeTrue("the hung fetch is told to stop");
        endpoint.Gate = null;
        (await manager.GetTokenAsync(CancellationToken.None)).Should().Be("token-2");
    }

    [Fact]
    public async Task GetTokenAsync_FetchIgnoresCancellationPastTimeout_NextCallerWaitsForItInsteadOfFetchingBesideIt()
    {
        var endpoint = StubbornEndpoint(new HttpRequestException("down, and late"));
        using var manager = endpoint.CreateManager(new WebTokenClientOptions { FetchTimeout = TimeSpan.FromSeconds(10) });
        var gate = await AbandonAFetchAsync(manager, endpoint);
        endpoint.FailWith = null;

        var next = manager.GetTokenAsync(CancellationToken.None).AsTask();

        endpoint.Fetches.Should().Be(1, "the abandoned fetch still runs");
        next.IsCompleted.Should().BeFalse();
        gate.SetResult();
        (await next).Should().Be("token-2", "the abandoned fetch failed, so a new one starts once it has ended");
        endpoint.MaxInFlight.Should().Be(1);
    }

    [Fact]
    public async Task GetTokenAsync_AbandonedFetchStillRunningAtTheNextTimeout_CallerTimesOutWithoutASecondFetch()
    {
        var endpoint = StubbornEndpoint(new HttpRequestException("down, and late"));
        using var manager = endpoint.CreateManager(new WebTokenClientOptions { FetchTimeout = TimeSpan.FromSeconds(10) });
        var gate = await AbandonAFetchAsync(manager, endpoint);
        endpoint.FailWith = null;
        var next = manager.GetTokenAsync(CancellationToken.None).AsTask();

        _clock.Advance(TimeSpan.FromSeconds(10));

        await next.Invoking(t => t).Should().ThrowAsync<TimeoutException>();
        endpoint.Fetches.Should().Be(1);
        gate.SetResult();
        (await manager.GetTokenAsync(CancellationToken.None)).Should().Be("token-2");
        endpoint.MaxInFlight.Should().Be(1);
    }

    [Fact]
    public async Task GetTokenAsync_AbandonedFetchSucceedsLate_NextCallerGetsItsTokenWithoutFetchingAgain()
    {
        var endpoint = StubbornEndpoint(failWith: null);
        using var manager = endpoint.CreateManager(new WebTokenClientOptions { FetchTimeout = TimeSpan.FromSeconds(10) });
        var gate = await AbandonAFetchAsync(manager, endpoint);
        var next = manager.GetTokenAsync(CancellationToken.None).AsTask();

        gate.SetResult();

        (await next).Should().Be("token-1", "the server issued it, retiring any older token");
        endpoint.Fetches.Should().Be(1);
    }

    [Fact]
    public async Task GetTokenAsync_AbandonedFetchFailsLate_FailureIsLoggedAndNeverUnobserved()
    {
        const string marker = "late failure nobody waits for";
        var unobserved = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.Flatten().InnerExceptions.Any(x => x.Message == marker))
            {
                unobserved.Enqueue(e.Exception);
            }
        }

        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            var logger = new RecordingLogger<WebTokenManager>();
            await AbandonAFetchThatFailsLateAsync(logger, new HttpRequestException(marker));
            await logger.WhenLogged(2104).WaitAsync(TimeSpan.FromSeconds(10));

            // Any task left faulted and unobserved reports itself when the finalizer collects it.
            GC.Collect();
            GC.WaitForPendingFinalizers();

            logger.Entries.Should().Contain(e => e.Id.Id == 2104);
            unobserved.Should().BeEmpty();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }
    }

    [Fact]
    public async Task Invalidate_TenConcurrent401sOnTheSameToken_OneRefresh()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        var rejected = await manager.GetTokenAsync(CancellationToken.None);

        var retries = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            manager.Invalidate(rejected);
            return await manager.GetTokenAsync(CancellationToken.None);
        })));

        endpoint.Fetches.Should().Be(2);
        retries.Should().OnlyContain(t => t == "token-2");
    }

    [Fact]
    public async Task Invalidate_TokenAlreadyReplaced_DoesNotFetch()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        await manager.GetTokenAsync(CancellationToken.None);

        manager.Invalidate("token-0");
        var token = await manager.GetTokenAsync(CancellationToken.None);

        token.Should().Be("token-1");
        endpoint.Fetches.Should().Be(1);
    }

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

    [Fact]
    public async Task Dispose_RacingACallerPastItsDisposedCheck_FailsThatCallerInsteadOfHanging()
    {
        // Plays the race by hand: a caller passed GetTokenAsync's disposed check, then Dispose ran before the refresh
        // started. Before the fix the refresh died on the disposed CancellationTokenSource and never completed.
        var endpoint = new FakeTokenEndpoint(_clock);
        var manager = endpoint.CreateManager();
        manager.Dispose();
        var joinOrStart = typeof(WebTokenManager).GetMethod("JoinOrStartRefresh", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

        var refresh = (Task)joinOrStart.Invoke(manager, [null, false])!;

        refresh.IsCompleted.Should().BeTrue("a waiter must get an answer, not a task that never ends");
        await refresh.Invoking(t => t).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Dispose_FetchInFlight_CancelsItAndLaterCallsThrow()
    {
        var endpoint = new FakeTokenEndpoint(_clock) { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var manager = endpoint.CreateManager();
        var pending = manager.GetTokenAsync(CancellationToken.None).AsTask();
        await endpoint.FetchStarted.Task;

        manager.Dispose();

        await pending.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        var act = async () => await manager.GetTokenAsync(CancellationToken.None);
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    /// <summary>An endpoint whose fetches wait at a gate even after their token is cancelled.</summary>
    private FakeTokenEndpoint StubbornEndpoint(Exception? failWith) => new(_clock)
    {
        Gate = new(TaskCreationOptions.RunContinuationsAsynchronously),
        IgnoreCancellation = true,
        FailWith = failWith,
    };

    /// <summary>Lets a caller's fetch run past the 10 s timeout; returns the gate that still holds the fetch.</summary>
    private async Task<TaskCompletionSource> AbandonAFetchAsync(WebTokenManager manager, FakeTokenEndpoint endpoint)
    {
        var caller = manager.GetTokenAsync(CancellationToken.None).AsTask();
        await endpoint.FetchStarted.Task;
        _clock.Advance(TimeSpan.FromSeconds(10));
        await caller.Invoking(t => t).Should().ThrowAsync<TimeoutException>();
        endpoint.LastCancellationToken.IsCancellationRequested.Should().BeTrue();
        var gate = endpoint.Gate!;
        endpoint.Gate = null;
        return gate;
    }

    /// <summary>Kept out of the test method so no local keeps the fetch's tasks alive through the collection.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task AbandonAFetchThatFailsLateAsync(RecordingLogger<WebTokenManager> logger, Exception failure)
    {
        var endpoint = StubbornEndpoint(failure);
        var options = new WebTokenClientOptions { FetchTimeout = TimeSpan.FromSeconds(10) };
        using var manager = new WebTokenManager(endpoint.FetchAsync, options, timeProvider: _clock, logger: logger);
        var gate = await AbandonAFetchAsync(manager, endpoint);
        gate.SetResult();
    }

    [Theory]
    [InlineData(0.0, 0.05, 30, "RefreshAfter")]
    [InlineData(1.0, 0.0, 30, "RefreshAfter")]
    [InlineData(0.9, 0.2, 30, "RefreshJitter")]
    [InlineData(0.75, -0.1, 30, "RefreshJitter")]
    [InlineData(0.75, 0.05, -1, "ExpiryMargin")]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(double refreshAfter, double jitter, int marginSeconds, string name)
    {
        var options = new WebTokenClientOptions
        {
            RefreshAfter = refreshAfter,
            RefreshJitter = jitter,
            ExpiryMargin = TimeSpan.FromSeconds(marginSeconds),
        };

        var act = () => new WebTokenManager(_ => default, options);

        act.Should().Throw<ArgumentException>().WithMessage($"*{name}*");
    }

    [Theory]
    [InlineData(50)]
    [InlineData(36_500)]
    public void Constructor_FetchTimeoutBeyondWhatATimerTakes_ThrowsNamingIt(int days)
    {
        // Task.WaitAsync refuses timeouts past about 49.7 days: unchecked, every fetch failed at run time instead.
        var options = new WebTokenClientOptions { FetchTimeout = TimeSpan.FromDays(days) };

        var act = () => new WebTokenManager(_ => default, options);

        act.Should().Throw<ArgumentException>().WithMessage("*FetchTimeout*at most*");
    }

    [Fact]
    public void Constructor_RetryDelaysOutOfOrder_ThrowsNamingThem()
    {
        var options = new WebTokenClientOptions { InitialRetryDelay = TimeSpan.FromMinutes(2), MaxRetryDelay = TimeSpan.FromMinutes(1) };

        var act = () => new WebTokenManager(_ => default, options);

        act.Should().Throw<ArgumentException>().WithMessage("*InitialRetryDelay*MaxRetryDelay*");
    }

    [Fact]
    public void Constructor_ZeroFetchTimeout_ThrowsNamingIt()
    {
        var act = () => new WebTokenManager(_ => default, new WebTokenClientOptions { FetchTimeout = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().WithMessage("*FetchTimeout*");
    }
}
