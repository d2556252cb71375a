using System.Security.Cryptography;
using Credentials.Invalidation;
using Microsoft.Extensions.Logging;

namespace Credentials.Jwt;

/// <summary>
/// The managed half of a <see cref="JwtKeyRing"/>: loads the keys from the <see cref="ISigningKeyStore"/>, makes a
/// successor when one is due and deletes keys whose tokens have all expired (the store arbitrates, so many instances
/// make one key), and serves the snapshot for now. No thread of its own: the snapshot is refreshed lazily when it is
/// read. A snapshot older than the refresh interval is served while a reload runs beside the request; one older than
/// twice the interval (an idle instance) waits for the reload, so no instance ever signs from keys older than that.
/// The propagation time is at least twice the refresh interval, so every instance holds a key before it signs.
/// A key this instance adds is announced on the invalidation channel (<see cref="CredentialInvalidationKind.SigningKeysChanged"/>),
/// and such a message from another instance (or <see cref="CredentialInvalidationKind.Everything"/>) reloads at once, at most
/// once per <see cref="ManagedSigningKeyOptions.UnknownKeyRefreshInterval"/>: a speed-up, the refresh interval stays the bound.
/// </summary>
internal sealed class ManagedSigningKeys
{
    private readonly object _gate = new();
    private readonly ManagedSigningKeyOptions _options;
    private readonly SigningKeySchedule _schedule;
    private readonly JwtKeyRingEntry[] _staticEntries;
    private readonly JwtKeyRingSnapshot _unloaded;
    private readonly ISigningKeyStore _store;
    private readonly ISigningKeyProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ICredentialInvalidationChannel? _channel;
    private Dictionary<long, JwtSigningKey> _opened = [];
    private volatile Loaded? _loaded;
    private Task _refresh = Task.CompletedTask;
    private DateTimeOffset _retryAfter = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUnknownKeyRefresh = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAnnouncedRefresh = DateTimeOffset.MinValue;
    private int _version;

    public ManagedSigningKeys(
        JwtOptions options, JwtKeyRingEntry[] staticEntries, ISigningKeyStore store, ISigningKeyProtector protector, TimeProvider time, ILogger logger, ICredentialInvalidationChannel? channel)
    {
        _options = options.ManagedSigningKeys;
        _schedule = new SigningKeySchedule(_options.PropagationTime, _options.RotationInterval, options.Lifetime + options.ClockSkew);
        _staticEntries = staticEntries;
        _unloaded = new JwtKeyRingSnapshot(staticEntries, 0);
        _store = store;
        _protector = protector;
        _time = time;
        _logger = logger;
        _channel = channel;
        // Lives as long as the ring, a singleton like the channel: nothing outlives the container to unsubscribe.
        channel?.Subscribe(OnInvalidation);
    }

    /// <summary>The ring now, reloaded first when it is stale (see the class remarks).</summary>
    public JwtKeyRingSnapshot Current()
    {
        var now = _time.GetUtcNow();
        var loaded = _loaded;
        if (loaded is null || now - loaded.LoadedAt >= 2 * _options.RefreshInterval)
        {
            // Never faults: a failed reload is logged and the last keys are kept.
            Refresh(now, force: false, CancellationToken.None).GetAwaiter().GetResult();
        }
        else if (now - loaded.LoadedAt >= _options.RefreshInterval)
        {
            _ = Refresh(now, force: false, CancellationToken.None);
        }

        loaded = _loaded;
        return loaded is null ? _unloaded : now < loaded.ValidUntil ? loaded.Snapshot : Publish(loaded.Keys, loaded.LoadedAt, now);
    }

    /// <summary>
    /// Reloads because a token named a key this instance does not hold, at most once per
    /// <see cref="ManagedSigningKeyOptions.UnknownKeyRefreshInterval"/>. Null when nothing was reloaded or nothing changed.
    /// </summary>
    public JwtKeyRingSnapshot? RefreshForUnknownKey()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (now - _lastUnknownKeyRefresh < _options.UnknownKeyRefreshInterval)
            {
                return null;
            }

            _lastUnknownKeyRefresh = now;
        }

        var before = _loaded?.Snapshot;
        Refresh(now, force: true, CancellationToken.None).GetAwaiter().GetResult();
        var after = Current();
        return ReferenceEquals(after, before) ? null : after;
    }

    public Task RefreshAsync(CancellationToken cancellationToken) => Refresh(_time.GetUtcNow(), force: true, cancellationToken);

    /// <summary>
    /// Another instance added a key, or messages may have been lost: reload now, off the transport's thread. Rate-limited,
    /// so a flood of messages costs one store read per interval; this instance's own announcement is inside the limit.
    /// </summary>
    private void OnInvalidation(CredentialInvalidation invalidation)
    {
        if (invalidation.Kind is not (CredentialInvalidationKind.SigningKeysChanged or CredentialInvalidationKind.Everything) || !TakeAnnouncedRefresh())
        {
            return;
        }

        _ = Task.Run(() => Refresh(_time.GetUtcNow(), force: true, CancellationToken.None));
    }

    private bool TakeAnnouncedRefresh()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (now - _lastAnnouncedRefresh < _options.UnknownKeyRefreshInterval)
            {
                return false;
            }

            _lastAnnouncedRefresh = now;
            return true;
        }
    }

    /// <summary>One reload at a time: a caller during a reload gets the one running. After a failure, waits a while unless forced.</summary>
    private Task Refresh(DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_refresh.IsCompleted || (!force && now < _retryAfter))
            {
                return _refresh;
            }

            _refresh = RefreshCoreAsync(now, cancellationToken);
            return _refresh;
        }
    }

    private async Task RefreshCoreAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var records = await ListAsync(cancellationToken).ConfigureAwait(false);
            if (await ApplyScheduleAsync(records, now, cancellationToken).ConfigureAwait(false))
            {
                records = await ListAsync(cancellationToken).ConfigureAwait(false);
            }

            Publish(await OpenAsync(records, cancellationToken).ConfigureAwait(false), now, now);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A store or protector fault: keep signing and validating with the keys already loaded, and try again later.
            lock (_gate)
            {
                _retryAfter = now + _options.UnknownKeyRefreshInterval;
            }

            JwtLog.ManagedKeysRefreshFailed(_logger, exception);
        }
    }

    private async Task<StoredSigningKey[]> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(k => k.Generation)];

    /// <summary>Deletes expired keys and makes the successor if one is due; true when the store may have changed.</summary>
    private async Task<bool> ApplyScheduleAsync(StoredSigningKey[] records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var expired in _schedule.Expired(records, now).ToArray())
        {
            if (await _store.DeleteAsync(expired.Generation, cancellationToken).ConfigureAwait(false))
            {
                JwtLog.ManagedKeyDeleted(_logger, expired.KeyId, expired.Generation);
            }

            changed = true;
        }

        if (_schedule.DueSuccessor(records, now) is not { } due)
        {
            return changed;
        }

        var key = ManagedSigningKeyMaterial.Create(_options.Algorithm, out var privateKey);
        byte[] protectedKey;
        try
        {
            protectedKey = await _protector.ProtectAsync(privateKey, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }

        var record = new StoredSigningKey
        {
            Generation = due.Generation,
            KeyId = key.KeyId,
            Algorithm = key.AlgorithmName,
            CreatedAt = now,
            ActivatesAt = due.ActivatesAt,
            ProtectedPrivateKey = protectedKey,
        };
        if (await _store.TryAddAsync(record, cancellationToken).ConfigureAwait(false))
        {
            _opened[record.Generation] = key;
            JwtLog.ManagedKeyCreated(_logger, key.KeyId, record.Generation, record.ActivatesAt);
            if (_channel is not null)
            {
                // Spend the rate limit first, so the channel's local delivery does not reload this instance again.
                TakeAnnouncedRefresh();
                await _channel.PublishAsync(new CredentialInvalidation(CredentialInvalidationKind.SigningKeysChanged, string.Empty), cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            JwtLog.ManagedKeyMadeElsewhere(_logger, record.Generation);
        }

        return true;
    }

    /// <summary>The keys of <paramref name="records"/>, each opened once per process (a reload opens only new keys).</summary>
    private async Task<ManagedKey[]> OpenAsync(StoredSigningKey[] records, CancellationToken cancellationToken)
    {
        var opened = new Dictionary<long, JwtSigningKey>(records.Length);
        var keys = new ManagedKey[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            if (!_opened.TryGetValue(record.Generation, out var key) || key.KeyId != record.KeyId)
            {
                var privateKey = await _protector.UnprotectAsync(record.ProtectedPrivateKey, cancellationToken).ConfigureAwait(false);
                try
                {
                    key = ManagedSigningKeyMaterial.Load(record, privateKey);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(privateKey);
                }
            }

            opened[record.Generation] = key;
            keys[i] = new ManagedKey(record, key);
        }

        _opened = opened;
        return keys;
    }

    /// <summary>Makes the snapshot of <paramref name="keys"/> at <paramref name="now"/>; the version moves only when a key or state changed, so cached validations survive a reload that found nothing new.</summary>
    private JwtKeyRingSnapshot Publish(ManagedKey[] keys, DateTimeOffset loadedAt, DateTimeOffset now)
    {
        var states = _schedule.States([.. keys.Select(k => k.Record)], now, out var validUntil);
        var entries = new JwtKeyRingEntry[_staticEntries.Length + keys.Length];
        _staticEntries.CopyTo(entries, 0);
        for (var i = 0; i < keys.Length; i++)
        {
            entries[_staticEntries.Length + i] = new JwtKeyRingEntry(keys[i].Key, states[i].State, states[i].RetiresAt, keys[i].Record.ActivatesAt);
        }

        lock (_gate)
        {
            var previous = _loaded?.Snapshot;
            var snapshot = previous is not null && previous.Entries.SequenceEqual(entries, JwtKeyRingEntryComparer.Instance)
                ? previous
                : new JwtKeyRingSnapshot(entries, ++_version);
            if (!ReferenceEquals(snapshot, previous))
            {
                LogChanges(previous, entries);
            }

            _loaded = new Loaded(keys, loadedAt, snapshot, validUntil);
            return snapshot;
        }
    }

    private void LogChanges(JwtKeyRingSnapshot? previous, JwtKeyRingEntry[] entries)
    {
        foreach (var entry in entries.Skip(_staticEntries.Length))
        {
            if (previous?.Find(entry.Key.KeyId)?.State != entry.State)
            {
                JwtLog.KeyStateChanged(_logger, entry.Key.KeyId, entry.State);
            }
        }
    }

    private sealed record ManagedKey(StoredSigningKey Record, JwtSigningKey Key);

    private sealed record Loaded(ManagedKey[] Keys, DateTimeOffset LoadedAt, JwtKeyRingSnapshot Snapshot, DateTimeOffset ValidUntil);
}
