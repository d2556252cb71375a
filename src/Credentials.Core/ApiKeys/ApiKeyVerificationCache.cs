using System.Collections.Concurrent;
using Credentials.Diagnostics;
using Credentials.Invalidation;
using Credentials.Secrets;
using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

/// <summary>
/// The opt-in cache of key records that verification reads (<see cref="ApiKeyOptions.VerificationCacheDuration"/>):
/// found by hash for a presented key, by uuid for a web token's key. It keeps records, never secrets, and never a
/// judgement: the verifier judges every hit again with the current clock, so expiry and grace end on time. Only what
/// the store found is kept (no "unknown" answers: random well-formed keys would fill it, and a miss costs one indexed
/// lookup). Management reads the store itself, so decisions that change a key never act on a cached record.
/// A singleton: it subscribes to the invalidation channel once, and forgets a key when any instance says it changed.
/// </summary>
internal sealed class ApiKeyVerificationCache : IDisposable
{
    private readonly ConcurrentDictionary<SecretHash, Entry> _byHash = new();
    private readonly ConcurrentDictionary<Guid, Entry> _byUuid = new();
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ICredentialInvalidationChannel _channel;
    private readonly CredentialsMetrics _metrics;
    private readonly IDisposable? _subscription;
    private readonly long _durationTimestampTicks;
    private readonly int _maxEntries;
    private readonly long _maxBytes;

    // Moved on by every eviction, under _gate: a store read that began before an eviction must not add what it read after it.
    private long _generation;
    private int _count;
    private long _bytes;

    public ApiKeyVerificationCache(IOptions<CredentialsOptions> options, TimeProvider time, ICredentialInvalidationChannel channel, CredentialsMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(channel);
        var settings = options.Value.ApiKeys;
        _time = time;
        _channel = channel;
        _metrics = metrics;
        _maxEntries = settings.VerificationCacheMaxEntries;
        _maxBytes = settings.VerificationCacheMaxBytes;

        // Timestamps, not wall-clock time: a clock set back must not keep records longer.
        _durationTimestampTicks = (long)(settings.VerificationCacheDuration.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);
        IsEnabled = _durationTimestampTicks > 0;
        _subscription = IsEnabled ? channel.Subscribe(OnInvalidation) : null;
    }

    public bool IsEnabled { get; }

    /// <summary>How many records are cached.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>The estimated bytes the cached records hold (see <see cref="ApiKeyRecordSize"/>).</summary>
    internal long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The record whose current or previous hash is <paramref name="hash"/>, as <see cref="IApiKeyStore.FindByHashAsync"/> answers.</summary>
    public ValueTask<ApiKey?> FindByHashAsync(IApiKeyStore store, SecretHash hash, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return store.FindByHashAsync(hash, cancellationToken);
        }

        var now = _time.GetTimestamp();
        if (_byHash.TryGetValue(hash, out var entry) && entry.FreshUntil > now)
        {
            _metrics.CacheLookup(hit: true);
            return new(entry.Record);
        }

        // Read before the store is asked: an eviction after this point must win over what the store returns.
        var generation = Volatile.Read(ref _generation);
        return ReadThroughAsync(store.FindByHashAsync(hash, cancellationToken), generation, now);
    }

    /// <summary>The record with this uuid, as <see cref="IApiKeyStore.FindByUuidAsync"/> answers.</summary>
    public ValueTask<ApiKey?> FindByUuidAsync(IApiKeyStore store, Guid uuid, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return store.FindByUuidAsync(uuid, cancellationToken);
        }

        var now = _time.GetTimestamp();
        if (_byUuid.TryGetValue(uuid, out var entry) && entry.FreshUntil > now)
        {
            _metrics.CacheLookup(hit: true);
            return new(entry.Record);
        }

        // Read before the store is asked: an eviction after this point must win over what the store returns.
        var generation = Volatile.Read(ref _generation);
        return ReadThroughAsync(store.FindByUuidAsync(uuid, cancellationToken), generation, now);
    }

    /// <summary>
    /// A key changed in the store: forgets it here at once, then tells every instance (this one's subscribers first).
    /// Called whether or not this instance caches, since others may. Not cancellable: the change has committed.
    /// </summary>
    public async ValueTask KeyChangedAsync(Guid uuid)
    {
        Evict(uuid);
        await _channel.PublishAsync(CredentialInvalidation.ForKey(uuid), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Forgets the key's record under its uuid and both its hashes; a read in flight will not add it back.</summary>
    public void Evict(Guid uuid)
    {
        lock (_gate)
        {
            _generation++;
            RemoveLocked(uuid);
        }
    }

    /// <summary>Forgets every record; reads in flight will not add theirs.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            _byUuid.Clear();
            _byHash.Clear();
            _count = 0;
            _bytes = 0;
        }
    }

    public void Dispose() => _subscription?.Dispose();

    /// <summary>Apart from the lookups so a hit pays for no async machinery; a store that answers synchronously skips it too.</summary>
    private ValueTask<ApiKey?> ReadThroughAsync(ValueTask<ApiKey?> pending, long generation, long readAt)
    {
        _metrics.CacheLookup(hit: false);
        if (pending.IsCompletedSuccessfully)
        {
            var record = pending.Result;
            Add(record, generation, readAt);
            return new(record);
        }

        return AddWhenReadAsync(pending, generation, readAt);
    }

    private async ValueTask<ApiKey?> AddWhenReadAsync(ValueTask<ApiKey?> pending, long generation, long readAt)
    {
        var record = await pending.ConfigureAwait(false);
        Add(record, generation, readAt);
        return record;
    }

    /// <summary>
    /// Keeps a record the store returned, fresh until the duration after its read began (so staleness is bounded from
    /// the read, not from when it came back), unless an eviction happened since the read began.
    /// </summary>
    private void Add(ApiKey? record, long generation, long readAt)
    {
        if (record is null)
        {
            return;
        }

        var bytes = ApiKeyRecordSize.Estimate(record);
        if (bytes > _maxBytes)
        {
            return;
        }

        var entry = new Entry(record, readAt + _durationTimestampTicks, bytes);
        lock (_gate)
        {
            if (_generation != generation)
            {
                return;
            }

            RemoveLocked(record.Uuid);
            MakeRoomLocked(bytes);
            _byUuid[record.Uuid] = entry;
            _byHash[record.Hash] = entry;
            if (record.PreviousHash is { } previous)
            {
                _byHash[previous] = entry;
            }

            _count++;
            _bytes += bytes;
        }
    }

    /// <summary>
    /// When full: first what has lapsed, then entries in the dictionary's order (effectively at random) until an eighth
    /// of each bound is free, so a full cache pays one sweep per eighth of its size, not one per insert.
    /// </summary>
    private void MakeRoomLocked(int bytes)
    {
        if (_count < _maxEntries && _bytes + bytes <= _maxBytes)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var (uuid, entry) in _byUuid)
        {
            if (entry.FreshUntil <= now)
            {
                RemoveLocked(uuid);
            }
        }

        var entryTarget = _maxEntries - Math.Max(1, _maxEntries / 8);
        var byteTarget = _maxBytes - bytes - (_maxBytes / 8);
        foreach (var (uuid, _) in _byUuid)
        {
            if (_count <= entryTarget && _bytes <= byteTarget)
            {
                return;
            }

            RemoveLocked(uuid);
        }
    }

    private void RemoveLocked(Guid uuid)
    {
        if (!_byUuid.TryRemove(uuid, out var entry))
        {
            return;
        }

        // Only this entry's index nodes: a hash moved to a newer record stays.
        _byHash.TryRemove(new KeyValuePair<SecretHash, Entry>(entry.Record.Hash, entry));
        if (entry.Record.PreviousHash is { } previous)
        {
            _byHash.TryRemove(new KeyValuePair<SecretHash, Entry>(previous, entry));
        }

        _count--;
        _bytes -= entry.Bytes;
    }

    private void OnInvalidation(CredentialInvalidation invalidation)
    {
        switch (invalidation.Kind)
        {
            case CredentialInvalidationKind.ApiKeyChanged when Guid.TryParseExact(invalidation.Id, "D", out var uuid):
                Evict(uuid);
                break;
            case CredentialInvalidationKind.Everything:
                Clear();
                break;
        }
    }

    /// <summary>A cached record, fresh until a timestamp of the cache's <see cref="TimeProvider"/>.</summary>
    private sealed class Entry(ApiKey record, long freshUntil, int bytes)
    {
        public ApiKey Record { get; } = record;

        public long FreshUntil { get; } = freshUntil;

        public int Bytes { get; } = bytes;
    }
}
