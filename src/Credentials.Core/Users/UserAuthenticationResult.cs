using System.Diagnostics.CodeAnalysis;

namespace Credentials.Users;

/// <summary>
/// The outcome of <see cref="IUserAuthenticator.AuthenticateAsync"/>: a user, or a failure reason. The factories are
/// public because a host's own <see cref="IUserAuthenticator"/> returns these.
/// </summary>
public sealed class UserAuthenticationResult
{
    private static readonly FailedResults<UserAuthenticationFailure, UserAuthenticationResult> Failures = new(f => new(null, f, false));

    private UserAuthenticationResult(AuthenticatedUser? user, UserAuthenticationFailure? failure, bool rehashNeeded)
    {
        User = user;
        Failure = failure;
        RehashNeeded = rehashNeeded;
    }

    /// <summary>True when the password was verified; <see cref="User"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(User))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the login failed; null when it succeeded.</summary>
    public UserAuthenticationFailure? Failure { get; }

    /// <summary>The verified user, when <see cref="Succeeded"/>.</summary>
    public AuthenticatedUser? User { get; }

    /// <summary>True when the stored password hash is outdated and the authenticator should store a fresh one.</summary>
    public bool RehashNeeded { get; }

    /// <summary>A verified user.</summary>
    /// <param name="user">The user whose password was verified.</param>
    /// <param name="rehashNeeded">True when the stored hash is outdated (see <see cref="PasswordVerification.SuccessRehashNeeded"/>).</param>
    public static UserAuthenticationResult Success(AuthenticatedUser user, bool rehashNeeded = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserAuthenticationResult(user, null, rehashNeeded);
    }

    /// <summary>A refused login. Refusals carry no data, so one shared instance per reason is returned.</summary>
    /// <param name="failure">Why the login was refused.</param>
    public static UserAuthenticationResult Failed(UserAuthenticationFailure failure) => Failures[failure];

    /// <summary>The failure, or the user's id; never a password or hash.</summary>
    public override string ToString() => Succeeded
        ? $"UserAuthenticationResult {{ Succeeded = True, UserId = {User.Id}, RehashNeeded = {RehashNeeded} }}"
        : $"UserAuthenticationResult {{ Failure = {Failure} }}";
}
