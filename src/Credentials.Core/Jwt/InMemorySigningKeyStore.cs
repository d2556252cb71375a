namespace Credentials.Jwt;

/// <summary>
/// The default <see cref="ISigningKeyStore"/>: keys in process memory, lost on restart and not shared, so it suits one
/// instance (and tests). Instances that must agree share a durable store (EF Core, Redis).
/// </summary>
public sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly object _gate = new();
    private readonly SortedList<long, StoredSigningKey> _keys = [];

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<StoredSigningKey>>([.. _keys.Values]);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_keys.ContainsKey(key.Generation) || _keys.Values.Any(k => k.KeyId == key.KeyId))
            {
                return ValueTask.FromResult(false);
            }

            _keys.Add(key.Generation, key);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(long generation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_keys.Remove(generation));
        }
    }
}
