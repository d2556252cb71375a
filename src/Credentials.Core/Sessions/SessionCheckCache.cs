using System.Collections.Concurrent;

namespace Credentials.Sessions;

/// <summary>
/// Remembers what the store last said about a session, for at most the check interval, so a token presented again
/// costs one dictionary lookup. Invalidations (a session ended, a user changed, everything) drop entries and bump an
/// epoch; a store read that began before an invalidation does not leave its now stale answer behind (see
/// <see cref="Add"/>). Bounded: when full, it starts over.
/// </summary>
internal sealed class SessionCheckCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _epoch;
    private int _count;

    /// <summary>Read before a store read and passed to <see cref="Add"/>.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public bool TryGet(string sessionId, long nowMs, out SessionCheckResult result)
    {
        if (_entries.TryGetValue(sessionId, out var entry) && nowMs < entry.ValidUntilMs)
        {
            result = entry.Result;
            return true;
        }

        result = null!;
        return false;
    }

    /// <summary>
    /// Remembers a store's answer read under <paramref name="epoch"/>. Added first and withdrawn if an invalidation came
    /// meanwhile: the invalidation either removes the entry itself or moves the epoch this check sees.
    /// </summary>
    public void Add(string sessionId, string? userId, SessionCheckResult result, long validUntilMs, long epoch)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        var entry = new Entry(result, userId, validUntilMs);
        _entries[sessionId] = entry;
        if (Epoch != epoch)
        {
            _entries.TryRemove(KeyValuePair.Create(sessionId, entry));
        }
    }

    public void ForgetSession(string sessionId)
    {
        Interlocked.Increment(ref _epoch);
        _entries.TryRemove(sessionId, out _);
    }

    /// <summary>Drops every session of the user: a scan, for a rare event (sign-out everywhere, a password change).</summary>
    public void ForgetUser(string userId)
    {
        Interlocked.Increment(ref _epoch);
        foreach (var (id, entry) in _entries)
        {
            if (string.Equals(entry.UserId, userId, StringComparison.Ordinal))
            {
                _entries.TryRemove(KeyValuePair.Create(id, entry));
            }
        }
    }

    public void ForgetEverything()
    {
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
    }

    private sealed record Entry(SessionCheckResult Result, string? UserId, long ValidUntilMs);
}
