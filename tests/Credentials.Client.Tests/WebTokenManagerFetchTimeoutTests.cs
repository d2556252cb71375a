using Credentials.Core.Tests.WebTokens;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Client.Tests;

/// <summary>A fetch past FetchTimeout: its callers time out, yet it stays the only fetch and its outcome is observed.</summary>
public class WebTokenManagerFetchTimeoutTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));

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
}
