namespace Credentials.Sessions;

/// <summary>Why a refresh token was refused. Callers answer every reason the same way (401).</summary>
public enum SessionRefreshFailure
{
    /// <summary>Not a refresh token's shape (missing, wrong length, wrong alphabet); refused before any hashing or store call.</summary>
    Malformed = 1,

    /// <summary>No session ever had this refresh token (or its session was purged).</summary>
    Unknown = 2,

    /// <summary>
    /// The token was used before and a newer one replaced it: someone holds a copy. The whole session is ended, so
    /// neither the thief nor the user can go on with it (RFC 9700 section 4.14.2); the user logs in again.
    /// </summary>
    Reused = 3,

    /// <summary>The session was ended (logout, sign-out everywhere, a password change, an earlier reuse).</summary>
    Ended = 4,

    /// <summary>The session's lifetime is over.</summary>
    Expired = 5,

    /// <summary>Refresh tokens are off on this host (<c>Sessions:EnableRefreshTokens</c>), or it issues no JWTs.</summary>
    NotEnabled = 6,

    /// <summary>The session's user is no longer in the directory; the session is ended.</summary>
    UserUnavailable = 7,
}
