namespace Credentials.Sessions;

/// <summary>
/// Login sessions: opened at login, checked for every JWT that names one (<c>sid</c>), ended by logout, by sign-out
/// everywhere or by the host (a password change), and, when refresh tokens are on, continued by rotating refresh tokens.
/// An ended session is refused at once on the instance that ended it, on the others when the invalidation channel's
/// message arrives, and everywhere within <see cref="SessionOptions.CheckInterval"/> even when no message arrives.
/// </summary>
public interface ISessionService
{
    /// <summary>Opens a session for <paramref name="userId"/> lasting until <paramref name="expiresAt"/>, with a first refresh token when refresh tokens are on.</summary>
    /// <exception cref="ArgumentException">The user id is empty, longer than 255 characters or holds control characters.</exception>
    ValueTask<OpenedSession> OpenAsync(string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a session as <see cref="OpenAsync(string, DateTimeOffset, CancellationToken)"/> does, bound to the user's
    /// <paramref name="securityStamp"/> at login: once <see cref="ISecurityStampSource"/> answers another, the session
    /// ends. A null stamp binds nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The user id is empty, longer than 255 characters or holds control characters.</exception>
    ValueTask<OpenedSession> OpenAsync(string userId, DateTimeOffset expiresAt, string? securityStamp, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the session still lets its tokens in. Answers from memory while the last answer is younger than
    /// <see cref="SessionOptions.CheckInterval"/> and no invalidation named the session or its user; reads the store otherwise.
    /// </summary>
    ValueTask<SessionCheckResult> CheckAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Spends <paramref name="refreshToken"/> and answers its successor. A token presented a second time ends its whole
    /// session (<see cref="SessionRefreshFailure.Reused"/>).
    /// </summary>
    ValueTask<SessionRefreshResult> RefreshAsync(string? refreshToken, CancellationToken cancellationToken);

    /// <summary>Ends one session (logout); false when it was unknown or had ended already.</summary>
    ValueTask<bool> EndAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user (sign-out everywhere; call it after a password change); returns how many were open.</summary>
    ValueTask<int> EndAllAsync(string userId, CancellationToken cancellationToken);
}
