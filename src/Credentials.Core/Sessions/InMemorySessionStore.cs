using System.Collections.Concurrent;
using Credentials.Secrets;

namespace Credentials.Sessions;

/// <summary>
/// The default <see cref="ISessionStore"/>: sessions in process memory, lost on restart (every session then refuses
/// its tokens), not shared between instances. Sessions are immutable records swapped with compare-and-swap, so every
/// change is one atomic step with no global lock. Expired sessions stay until <see cref="PurgeExpiredAsync"/>.
/// </summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SecretHash, string> _byRefreshToken = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byUser = new(StringComparer.Ordinal);

    /// <summary>The number of sessions held (ended and expired ones included until purged).</summary>
    public int Count => _sessions.Count;

    /// <inheritdoc />
    public ValueTask CreateAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_sessions.TryAdd(session.Id, session))
        {
            throw new InvalidOperationException("A session with this id exists already.");
        }

        _byUser.GetOrAdd(session.UserId, static _ => new(StringComparer.Ordinal))[session.Id] = 0;
        if (session.RefreshTokenHash is { } hash)
        {
            _byRefreshToken[hash] = session.Id;
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<Session?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        return new(_sessions.TryGetValue(sessionId, out var session) ? session : null);
    }

    /// <inheritdoc />
    public ValueTask<Session?> FindByRefreshTokenAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_byRefreshToken.TryGetValue(hash, out var id) && _sessions.TryGetValue(id, out var session) ? session : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> RotateRefreshTokenAsync(string sessionId, SecretHash current, SecretHash replacement, string? replacementPepperId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        // Indexed first: once the session names the new hash, the hash must already find it.
        _byRefreshToken[replacement] = sessionId;
        var rotated = Update(sessionId, s => s.EndedAt is null && s.RefreshTokenHash == current
            ? s with { RefreshTokenHash = replacement, RefreshTokenPepperId = replacementPepperId }
            : null);
        if (!rotated)
        {
            _byRefreshToken.TryRemove(KeyValuePair.Create(replacement, sessionId));
        }

        return new(rotated);
    }

    /// <inheritdoc />
    public ValueTask<bool> EndAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        return new(End(sessionId, endedAt));
    }

    /// <inheritdoc />
    public ValueTask<int> EndAllAsync(string userId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        var ended = 0;
        if (_byUser.TryGetValue(userId, out var ids))
        {
            foreach (var id in ids.Keys)
            {
                ended += End(id, endedAt) ? 1 : 0;
            }
        }

        return new(ended);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var purged = 0;
        foreach (var (id, session) in _sessions)
        {
            if (session.ExpiresAt <= cutoff && _sessions.TryRemove(KeyValuePair.Create(id, session)))
            {
                purged++;
                if (_byUser.TryGetValue(session.UserId, out var ids))
                {
                    ids.TryRemove(id, out _);
                }
            }
        }

        foreach (var (hash, id) in _byRefreshToken)
        {
            if (!_sessions.ContainsKey(id))
            {
                _byRefreshToken.TryRemove(KeyValuePair.Create(hash, id));
            }
        }

        return new(purged);
    }

    private bool End(string sessionId, DateTimeOffset endedAt) =>
        Update(sessionId, s => s.EndedAt is null ? s with { EndedAt = endedAt } : null);

    /// <summary>Applies <paramref name="change"/> (null: no change) with compare-and-swap, again if another change won.</summary>
    private bool Update(string sessionId, Func<Session, Session?> change)
    {
        while (_sessions.TryGetValue(sessionId, out var observed))
        {
            if (change(observed) is not { } updated)
            {
                return false;
            }

            if (_sessions.TryUpdate(sessionId, updated, observed))
            {
                return true;
            }
        }

        return false;
    }
}
