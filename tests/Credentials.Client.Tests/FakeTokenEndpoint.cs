namespace Credentials.Client.Tests;

/// <summary>
/// A single-active token API like the seed's: every fetch issues <c>token-N</c> and retires the previous one.
/// Fetches can be held at a gate or made to fail.
/// </summary>
internal sealed class FakeTokenEndpoint(TimeProvider clock, TimeSpan? lifetime = null)
{
    private int _fetches;
    private int _inFlight;
    private int _maxInFlight;
    private string? _current;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The most fetches that ever ran at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The one token the server accepts right now.</summary>
    public string? Current => Volatile.Read(ref _current);

    /// <summary>When set, fetches wait for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, fetches that start from now on throw it (after the gate).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>When true, fetches wait at the gate even after their token is cancelled, like a host that ignores it.</summary>
    public bool IgnoreCancellation { get; set; }

    /// <summary>Completes when a fetch has started.</summary>
    public TaskCompletionSource FetchStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken LastCancellationToken { get; private set; }

    public async ValueTask<FetchedWebToken> FetchAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _fetches);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            LastCancellationToken = cancellationToken;
            var failure = FailWith;
            FetchStarted.TrySetResult();
            if (Gate is { } gate)
            {
                await (IgnoreCancellation ? gate.Task : gate.Task.WaitAsync(cancellationToken));
            }

            if (failure is not null)
            {
                throw failure;
            }

            var token = new FetchedWebToken($"token-{n}", clock.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(1)));
            Volatile.Write(ref _current, token.Token);
            return token;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public WebTokenManager CreateManager(WebTokenClientOptions? options = null, IWebTokenCache? cache = null) =>
        new(FetchAsync, options, cache, clock);

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

/// <summary>What several app instances would share, e.g. a distributed cache entry.</summary>
internal sealed class SharedTokenCache : IWebTokenCache
{
    private FetchedWebToken? _token;

    public ValueTask<FetchedWebToken?> GetAsync(CancellationToken cancellationToken) => new(Volatile.Read(ref _token));

    public ValueTask SetAsync(FetchedWebToken token, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _token, token);
        return ValueTask.CompletedTask;
    }
}
