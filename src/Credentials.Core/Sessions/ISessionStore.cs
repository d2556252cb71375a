using Credentials.Secrets;

namespace Credentials.Sessions;

/// <summary>
/// Persists login sessions. Each method is one atomic step; the service decides what a session's state means. A store
/// also remembers every refresh token hash a session ever had (until the session is purged), so that a refresh token
/// presented a second time is recognised as reuse rather than as an unknown token.
/// </summary>
public interface ISessionStore
{
    /// <summary>Stores a new session, and indexes its refresh token hash when it has one. Session ids are unique.</summary>
    ValueTask CreateAsync(Session session, CancellationToken cancellationToken);

    /// <summary>The session with this id, ended or expired ones included until purged; null when there is none.</summary>
    ValueTask<Session?> FindAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// The session whose current refresh token, or any earlier one, has this hash; null when none has. The caller tells
    /// reuse from the current token by comparing <see cref="Session.RefreshTokenHash"/>.
    /// </summary>
    ValueTask<Session?> FindByRefreshTokenAsync(SecretHash hash, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the session's refresh token hash with <paramref name="replacement"/>, only while the session is open and its
    /// current hash is <paramref name="current"/>, in one atomic step (so of two refreshes with one token only one
    /// succeeds); the earlier hash stays findable by <see cref="FindByRefreshTokenAsync"/>. False when nothing changed.
    /// </summary>
    ValueTask<bool> RotateRefreshTokenAsync(string sessionId, SecretHash current, SecretHash replacement, string? replacementPepperId, CancellationToken cancellationToken);

    /// <summary>Marks the session ended at <paramref name="endedAt"/>; false when it was unknown or had ended already.</summary>
    ValueTask<bool> EndAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken);

    /// <summary>Marks every open session of the user ended at <paramref name="endedAt"/>; returns how many it ended.</summary>
    ValueTask<int> EndAllAsync(string userId, DateTimeOffset endedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every session (ended or not) that expired at or before <paramref name="cutoff"/>, with its refresh token
    /// hashes, in one set-based step; returns how many sessions.
    /// </summary>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
