using Microsoft.Extensions.Time.Testing;

namespace Credentials.Client.Tests;

/// <summary>Single flight, refresh ahead of expiry, invalidation after a 401, and disposal.</summary>
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
}
