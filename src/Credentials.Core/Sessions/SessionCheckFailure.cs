namespace Credentials.Sessions;

/// <summary>Why a JWT's session no longer lets it in.</summary>
public enum SessionCheckFailure
{
    /// <summary>No session has this id: never opened here, purged, or lost with a store that keeps nothing across restarts.</summary>
    UnknownSession = 1,

    /// <summary>The session was ended: logout, sign-out everywhere, a password change, or a reused refresh token.</summary>
    SessionEnded = 2,

    /// <summary>The session's lifetime is over.</summary>
    SessionExpired = 3,
}
