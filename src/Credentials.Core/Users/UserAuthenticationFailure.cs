namespace Credentials.Users;

/// <summary>
/// Why a login was refused. Callers show the credential reasons the same way, so a refusal never tells which one it
/// was; <see cref="NotConfigured"/> is about the host, not the credentials.
/// </summary>
public enum UserAuthenticationFailure
{
    /// <summary>Unknown user or wrong password: deliberately one reason, so the two cannot be told apart.</summary>
    InvalidCredentials = 1,

    /// <summary>The username or password was missing, empty or over the length limit.</summary>
    InvalidInput = 2,

    /// <summary>The credentials are right but the user may not log in (disabled, locked out).</summary>
    NotAllowed = 3,

    /// <summary>Login is not available: the host set none of <c>Credentials:Jwt</c>, so no token can be issued. The password was not checked.</summary>
    NotConfigured = 4,
}
