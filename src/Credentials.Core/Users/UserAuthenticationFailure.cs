namespace Credentials.Users;

/// <summary>
/// Why a login was refused. Callers show the credential reasons the same way, so a refusal never tells which one it
/// was; <see cref="NotConfigured"/> is about the host, not the credentials. <see cref="TwoFactorRequired"/> and
/// <see cref="ConfirmationRequired"/> are answered only after the password was verified, so they may be told apart:
/// the caller proved the password, and needs to know what to do next.
/// </summary>
public enum UserAuthenticationFailure
{
    /// <summary>Unknown user or wrong password: deliberately one reason, so the two cannot be told apart.</summary>
    InvalidCredentials = 1,

    /// <summary>The username or password was missing, empty or over the length limit.</summary>
    InvalidInput = 2,

    /// <summary>
    /// The user may not log in now (disabled, locked out); an authenticator may answer it whatever the password, as
    /// ASP.NET Core Identity does for a locked-out user. Shown like <see cref="InvalidCredentials"/>.
    /// </summary>
    NotAllowed = 3,

    /// <summary>Login is not available: the host set none of <c>Credentials:Jwt</c>, so no token can be issued. The password was not checked.</summary>
    NotConfigured = 4,

    /// <summary>
    /// The password is right, but the user must also pass a second factor, which a password-only login cannot
    /// (ASP.NET Core Identity's <c>SignInResult.RequiresTwoFactor</c>). Answered only after the password was verified.
    /// </summary>
    TwoFactorRequired = 5,

    /// <summary>
    /// The password is right, but the account is not confirmed yet (an email address, phone number or the account
    /// itself, as the user store requires; ASP.NET Core Identity's <c>SignInResult.IsNotAllowed</c>). Answered only
    /// after the password was verified.
    /// </summary>
    ConfirmationRequired = 6,
}
