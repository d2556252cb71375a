using Credentials.WebTokens;
using Credentials.WebTokens.Client;

namespace Credentials.Core.Tests.WebTokens.Client;

/// <summary>
/// A single-active token API like the seed's: every fetch issues <c>token-N</c> and retires the previous one.
/// Fetches can be held at a gate or made to fail.
/// </summary>
internal sealed class FakeTokenEndpoint(TimeProvider clock, TimeSpan? lifetime = null)
{
    private int _fetches;
    private string? _current;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The one token the server accepts right now.</summary>
    public string? Current => Volatile.Read(ref _current);

    /// <summary>When set, fetches wait for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, fetches throw it.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Completes when a fetch has started.</summary>
    public TaskCompletionSource FetchStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken LastCancellationToken { get; private set; }

    public async ValueTask<IssuedWebToken> FetchAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _fetches);
        LastCancellationToken = cancellationToken;
        FetchStarted.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }

        var token = new IssuedWebToken($"token-{n}", clock.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(1)));
        Volatile.Write(ref _current, token.Token);
        return token;
    }

    public WebTokenManager CreateManager(WebTokenClientOptions? options = null, IWebTokenCache? cache = null) =>
        new(FetchAsync, options, cache, clock);
}

/// <summary>What several app instances would share, e.g. a distributed cache entry.</summary>
internal sealed class SharedTokenCache : IWebTokenCache
{
    private IssuedWebToken? _token;

    public ValueTask<IssuedWebToken?> GetAsync(CancellationToken cancellationToken) => new(Volatile.Read(ref _token));

    public ValueTask SetAsync(IssuedWebToken token, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _token, token);
        return ValueTask.CompletedTask;
    }
}
