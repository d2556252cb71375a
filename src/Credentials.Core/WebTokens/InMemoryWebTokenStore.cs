using System.Collections.Concurrent;
using Credentials.Secrets;

namespace Credentials.WebTokens;

/// <summary>
/// The default <see cref="IWebTokenStore"/>: tokens in process memory, lost on restart, not shared between
/// instances. Thread-safe without a global lock: each subject has its own slot holding the current token, replaced
/// with one compare-and-swap, so subjects never wait on each other. A hash index finds tokens; an index entry counts
/// only while its subject's slot still points at it, so a superseded token can never be found, even for the instant
/// before its index entry is removed.
/// </summary>
/// <remarks>
/// Superseded and revoked tokens are dropped at once. Expired ones are dropped by <see cref="PurgeExpiredAsync"/>
/// and, so nothing piles up when the host never calls it, by a sweep that runs inside <see cref="ReplaceAsync"/>
/// once every max(1024, subjects) replacements, taking the newest token's issue time as the clock. Each sweep
/// visits every subject once, so its cost per replacement stays constant.
/// </remarks>
public sealed class InMemoryWebTokenStore : IWebTokenStore
{
    private const int MinimumReplacementsBetweenSweeps = 1024;

    // Marks a slot that is being removed from _slots: writers that meet it fetch the subject's slot again.
    private static readonly Entry Retired = new(null!, null!);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SecretHash, Entry> _byHash = new();
    private int _replacementsSinceSweep;
    private int _subjectsAtLastSweep;
    private int _sweeping;

    /// <summary>
    /// The number of tokens held (expired ones included until purged; a replacement in flight may count twice).
    /// A snapshot for tests and diagnostics: counting locks the whole index, so keep it off hot paths.
    /// </summary>
    public int Count => _byHash.Count;

    /// <inheritdoc />
    public ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var slot = _slots.GetOrAdd(token.Subject, static _ => new Slot());
            var entry = new Entry(token, slot);
            var observed = Volatile.Read(ref slot.Current);
            if (ReferenceEquals(observed, Retired))
            {
                Thread.Yield();
                continue;
            }

            // Index first: once the slot points at the entry, it must already be findable.
            _byHash[token.Hash] = entry;
            if (ReferenceEquals(Interlocked.CompareExchange(ref slot.Current, entry, observed), observed))
            {
                if (observed is not null)
                {
                    _byHash.TryRemove(KeyValuePair.Create(observed.Token.Hash, observed));
                }

                break;
            }

            // Another writer got in between: this entry never became current, so take it out of the index and retry.
            _byHash.TryRemove(KeyValuePair.Create(token.Hash, entry));
        }

        SweepIfDue(token.IssuedAt);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        if (_byHash.TryGetValue(hash, out var entry) && ReferenceEquals(Volatile.Read(ref entry.Slot.Current), entry))
        {
            return new ValueTask<WebToken?>(entry.Token);
        }

        return new ValueTask<WebToken?>((WebToken?)null);
    }

    /// <inheritdoc />
    public ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        var revoked = _slots.TryGetValue(subject, out var slot) && TryClear(subject, slot, static _ => true);
        return new ValueTask<bool>(revoked);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<int>(Sweep(now));
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        // Not _slots.Count: ConcurrentDictionary takes every one of its locks to count.
        var replacements = Interlocked.Increment(ref _replacementsSinceSweep);
        if (replacements < MinimumReplacementsBetweenSweeps || replacements < Volatile.Read(ref _subjectsAtLastSweep) ||
            Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _replacementsSinceSweep, 0);
            Sweep(now);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private int Sweep(DateTimeOffset now)
    {
        var purged = 0;
        var subjects = 0;
        foreach (var (subject, slot) in _slots)
        {
            subjects++;
            if (TryClear(subject, slot, entry => entry.Token.ExpiresAt <= now))
            {
                purged++;
            }
            else if (Volatile.Read(ref slot.Current) is null)
            {
                TryRetire(subject, slot);
            }
        }

        Volatile.Write(ref _subjectsAtLastSweep, subjects - purged);
        return purged;
    }

    /// <summary>Empties the slot while its current entry matches; a replacement that lands first is judged afresh.</summary>
    private bool TryClear(string subject, Slot slot, Func<Entry, bool> shouldClear)
    {
        while (true)
        {
            var current = Volatile.Read(ref slot.Current);
            if (current is null || ReferenceEquals(current, Retired) || !shouldClear(current))
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref slot.Current, null, current), current))
            {
                _byHash.TryRemove(KeyValuePair.Create(current.Token.Hash, current));
                TryRetire(subject, slot);
                return true;
            }
        }
    }

    /// <summary>Removes an empty slot so subjects that stopped asking for tokens cost nothing.</summary>
    private void TryRetire(string subject, Slot slot)
    {
        if (Interlocked.CompareExchange(ref slot.Current, Retired, null) is null)
        {
            _slots.TryRemove(KeyValuePair.Create(subject, slot));
        }
    }

    private sealed class Slot
    {
        public Entry? Current;
    }

    /// <summary>Compared by reference: the same token text replaced twice is two entries.</summary>
    private sealed class Entry(WebToken token, Slot slot)
    {
        public WebToken Token { get; } = token;

        public Slot Slot { get; } = slot;
    }
}
