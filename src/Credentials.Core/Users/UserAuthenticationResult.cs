using System.Diagnostics.CodeAnalysis;

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

/// <summary>The outcome of <see cref="IUserAuthenticator.AuthenticateAsync"/>: a user, or a failure reason.</summary>
public sealed class UserAuthenticationResult
{
    private UserAuthenticationResult(AuthenticatedUser? user, UserAuthenticationFailure? failure, bool rehashNeeded)
    {
        User = user;
        Failure = failure;
        RehashNeeded = rehashNeeded;
    }

    /// <summary>True when the password was verified; <see cref="User"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(User))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => User is not null;

    /// <summary>The verified user, when <see cref="Succeeded"/>.</summary>
    public AuthenticatedUser? User { get; }

    /// <summary>Why the login failed, when it did.</summary>
    public UserAuthenticationFailure? Failure { get; }

    /// <summary>True when the stored password hash is outdated and the authenticator should store a fresh one.</summary>
    public bool RehashNeeded { get; }

    /// <summary>A verified user.</summary>
    public static UserAuthenticationResult Success(AuthenticatedUser user, bool rehashNeeded = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserAuthenticationResult(user, null, rehashNeeded);
    }

    /// <summary>A refused login.</summary>
    public static UserAuthenticationResult Failed(UserAuthenticationFailure failure) => new(null, failure, false);
}
