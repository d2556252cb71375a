using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Credentials.Secrets;

namespace Credentials.ApiKeys;

/// <summary>
/// The default <see cref="IApiKeyStore"/>: keys live in process memory and are lost on restart (samples, tests,
/// single-instance hosts). Lookups read lock-free indexes; writes take one lock so each call is atomic. Records are
/// immutable, so a reader always sees a whole record, before or after a write.
/// </summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<SecretHash, ApiKey> _byHash = new();
    private readonly ConcurrentDictionary<Guid, ApiKey> _byUuid = new();
    private readonly Dictionary<long, Guid> _uuidById = [];
    private readonly object _writeLock = new();
    private long _lastId;

    /// <inheritdoc />
    public ValueTask<ApiKey> CreateAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_writeLock)
        {
            if (_byUuid.ContainsKey(key.Uuid))
            {
                throw new InvalidOperationException($"An API key with uuid {key.Uuid} already exists.");
            }

            if (_byHash.ContainsKey(key.Hash) || (key.PreviousHash is { } previous && (previous == key.Hash || _byHash.ContainsKey(previous))))
            {
                throw new InvalidOperationException("An API key with this hash already exists.");
            }

            var stored = key with { Id = ++_lastId, Permissions = [.. key.Permissions], RateLimits = [.. key.RateLimits] };
            _uuidById[stored.Id] = stored.Uuid;
            Index(stored);
            return new(stored);
        }
    }

    /// <inheritdoc />
    public ValueTask<ApiKey?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken) =>
        new(_byHash.TryGetValue(hash, out var key) ? key : null);

    /// <inheritdoc />
    public ValueTask<ApiKey?> FindByUuidAsync(Guid uuid, CancellationToken cancellationToken) =>
        new(_byUuid.TryGetValue(uuid, out var key) ? key : null);

    /// <inheritdoc />
    public async IAsyncEnumerable<ApiKey> ListByOwnerAsync(string ownerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A snapshot: writes during the enumeration neither break it nor show up half-way.
        var owned = _byUuid.Values.Where(k => string.Equals(k.OwnerId, ownerId, StringComparison.Ordinal)).OrderBy(k => k.Id).ToList();
        foreach (var key in owned)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<ApiKey?> SetActiveAsync(Guid uuid, bool isActive, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (!_byUuid.TryGetValue(uuid, out var current))
            {
                return new((ApiKey?)null);
            }

            var updated = current with { IsActive = isActive };
            Index(updated);
            return new(updated);
        }
    }

    /// <inheritdoc />
    public ValueTask<ApiKey?> RollAsync(
        Guid uuid, SecretHash expectedHash, SecretHash newHash, string? newPepperId, string newHint, DateTimeOffset? previousExpiresAt, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (!_byUuid.TryGetValue(uuid, out var current) || !current.IsActive || current.Hash != expectedHash)
            {
                return new((ApiKey?)null);
            }

            if (_byHash.ContainsKey(newHash))
            {
                throw new InvalidOperationException("An API key with this hash already exists.");
            }

            var rolled = current with
            {
                Hash = newHash,
                PepperId = newPepperId,
                Hint = newHint,
                PreviousHash = previousExpiresAt is null ? null : current.Hash,
                PreviousPepperId = previousExpiresAt is null ? null : current.PepperId,
                PreviousHashExpiresAt = previousExpiresAt,
            };
            // Index the new record before dropping stale hashes, so a concurrent lookup never misses the key.
            Index(rolled);
            if (rolled.PreviousHash != current.Hash)
            {
                _byHash.TryRemove(current.Hash, out _);
            }

            if (current.PreviousHash is { } older)
            {
                _byHash.TryRemove(older, out _);
            }

            return new(rolled);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordLastUsedAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            // Writes arrive in the background and may cross; the latest use wins.
            if (_uuidById.TryGetValue(id, out var uuid) && _byUuid.TryGetValue(uuid, out var current) && !(current.LastUsedAt >= usedAt))
            {
                Index(current with { LastUsedAt = usedAt });
            }
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<bool> SpendCreditsAsync(Guid uuid, long cost, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (!_byUuid.TryGetValue(uuid, out var current) || current.Credits is not { } credits)
            {
                return new(false);
            }

            var refilled = Refilled(credits, now);
            if (refilled.Remaining < cost)
            {
                return new(false);
            }

            Index(current with { Credits = refilled with { Remaining = refilled.Remaining - cost } });
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<ApiKey?> UpdateMeteringAsync(
        Guid uuid, IReadOnlyList<ApiKeyRateLimit>? rateLimits, bool replaceCredits, ApiKeyCredits? credits, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (!_byUuid.TryGetValue(uuid, out var current))
            {
                return new((ApiKey?)null);
            }

            var updated = current with
            {
                RateLimits = rateLimits is null ? current.RateLimits : [.. rateLimits],
                Credits = replaceCredits ? credits : current.Credits,
            };
            Index(updated);
            return new(updated);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            if (!_byUuid.TryGetValue(uuid, out var current))
            {
                return new(false);
            }

            Remove(current);
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset expiredAtOrBefore, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            var expired = _byUuid.Values.Where(k => k.ExpiresAt <= expiredAtOrBefore).ToList();
            foreach (var key in expired)
            {
                Remove(key);
            }

            return new(expired.Count);
        }
    }

    /// <summary>The credits after a refill due at <paramref name="now"/> (the same credits when none is due).</summary>
    private static ApiKeyCredits Refilled(ApiKeyCredits credits, DateTimeOffset now)
    {
        if (credits.Refill is not { Interval.Ticks: > 0 } refill || credits.RefilledAt is not { } from || now < from + refill.Interval)
        {
            return credits;
        }

        var intervals = (now.UtcTicks - from.UtcTicks) / refill.Interval.Ticks;
        return credits with { Remaining = refill.Amount, RefilledAt = from.AddTicks(intervals * refill.Interval.Ticks) };
    }

    private void Remove(ApiKey key)
    {
        _uuidById.Remove(key.Id);
        _byUuid.TryRemove(key.Uuid, out _);
        _byHash.TryRemove(key.Hash, out _);
        if (key.PreviousHash is { } previous)
        {
            _byHash.TryRemove(previous, out _);
        }
    }

    /// <summary>Points every index entry of the record's hashes and uuid at it (entries are overwritten, never removed).</summary>
    private void Index(ApiKey key)
    {
        _byHash[key.Hash] = key;
        if (key.PreviousHash is { } previous)
        {
            _byHash[previous] = key;
        }

        _byUuid[key.Uuid] = key;
    }
}
