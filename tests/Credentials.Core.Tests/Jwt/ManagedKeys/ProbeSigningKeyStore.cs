using Credentials.Jwt;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

/// <summary>
/// An in-memory store that counts calls, can fail, and can hold the next listings until a number of callers have
/// listed, so instances deciding at the same moment can be staged.
/// </summary>
internal sealed class ProbeSigningKeyStore : ISigningKeyStore
{
    private readonly InMemorySigningKeyStore _inner = new();
    private TaskCompletionSource? _gate;
    private int _waiting;
    private int _gateSize;

    public int Lists;
    public int Adds;
    public int Deletes;

    public bool Failing { get; set; }

    /// <summary>The next <paramref name="callers"/> listings complete together, once all of them have read the keys.</summary>
    public void HoldListingsUntil(int callers)
    {
        _gateSize = callers;
        _waiting = 0;
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async ValueTask<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lists);
        ThrowIfFailing();
        var keys = await _inner.ListAsync(cancellationToken);
        if (_gate is { } gate)
        {
            if (Interlocked.Increment(ref _waiting) == _gateSize)
            {
                _gate = null;
                gate.SetResult();
            }

            await gate.Task;
        }

        return keys;
    }

    public ValueTask<bool> TryAddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Adds);
        ThrowIfFailing();
        return _inner.TryAddAsync(key, cancellationToken);
    }

    public ValueTask<bool> DeleteAsync(long generation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Deletes);
        ThrowIfFailing();
        return _inner.DeleteAsync(generation, cancellationToken);
    }

    private void ThrowIfFailing()
    {
        if (Failing)
        {
            throw new InvalidOperationException("The store is down.");
        }
    }
}
