using Credentials.Diagnostics;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// Password login over ASP.NET Core Identity: <see cref="UserManager{TUser}"/>'s own steps (find by normalized name,
/// lockout, password check with its rehash, failed-login count) in an order that answers an unknown user, a wrong
/// password and a locked-out user alike, in the time one password verification takes; then
/// <see cref="SignInManager{TUser}"/>'s policy (<see cref="SignInManager{TUser}.CanSignInAsync"/>,
/// <see cref="SignInManager{TUser}.IsTwoFactorEnabledAsync"/>), so a host's own sign-in manager still decides.
/// </summary>
/// <remarks>
/// Not <see cref="SignInManager{TUser}.CheckPasswordSignInAsync"/>: it refuses locked-out and unconfirmed users before
/// hashing anything (their answer is faster than a wrong password's, telling which accounts exist, and "not confirmed"
/// would be told to anyone trying any password), and it answers success for a user with two-factor authentication on
/// (only the cookie sign-in, <c>PasswordSignInAsync</c>, says <c>RequiresTwoFactor</c>).
/// </remarks>
internal sealed class IdentityUserAuthenticator<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    IdentityAuthenticatedUsers<TUser> describe,
    IdentityDummyPasswordHash<TUser> dummy,
    ILogger<IdentityUserAuthenticator<TUser>> logger) : IUserAuthenticator
    where TUser : class, new()
{
    public async ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        cancellationToken.ThrowIfCancellationRequested();

        var user = await users.FindByNameAsync(username.Trim()).ConfigureAwait(false);
        if (user is null || !await users.HasPasswordAsync(user).ConfigureAwait(false))
        {
            dummy.Verify(users.PasswordHasher, password);
            return Refuse(UserAuthenticationFailure.InvalidCredentials);
        }

        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            // Refused whatever the password, as Identity does, after the work a check costs; the caller sees a wrong password.
            dummy.Verify(users.PasswordHasher, password);
            return Refuse(UserAuthenticationFailure.NotAllowed);
        }

        if (!await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            await CountFailureAsync(user).ConfigureAwait(false);
            return Refuse(UserAuthenticationFailure.InvalidCredentials);
        }

        // From here the password is proven, so the reason may be told.
        if (!await signIn.CanSignInAsync(user).ConfigureAwait(false))
        {
            return Refuse(UserAuthenticationFailure.ConfirmationRequired);
        }

        if (await signIn.IsTwoFactorEnabledAsync(user).ConfigureAwait(false))
        {
            // Not reset: as Identity's own password step, the count is reset only once every factor passed.
            return Refuse(UserAuthenticationFailure.TwoFactorRequired);
        }

        await ResetFailuresAsync(user).ConfigureAwait(false);
        // Read after the check: a rehash there gives the user a new stamp, and the session must be bound to that one.
        var authenticated = await describe.DescribeAsync(user).ConfigureAwait(false);
        IdentityLog.LoginSucceeded(logger, authenticated.Id);
        return UserAuthenticationResult.Success(authenticated);
    }

    private async ValueTask CountFailureAsync(TUser user)
    {
        if (!users.SupportsUserLockout)
        {
            return;
        }

        // Identity locks the user out once the count reaches Lockout.MaxFailedAccessAttempts (for users with lockout enabled).
        var counted = await users.AccessFailedAsync(user).ConfigureAwait(false);
        if (!counted.Succeeded)
        {
            IdentityLog.AccessFailedNotCounted(logger, await users.GetUserIdAsync(user).ConfigureAwait(false), ErrorCodes(counted));
        }
    }

    private async ValueTask ResetFailuresAsync(TUser user)
    {
        if (!users.SupportsUserLockout)
        {
            return;
        }

        var reset = await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        if (!reset.Succeeded)
        {
            IdentityLog.AccessFailedCountNotReset(logger, await users.GetUserIdAsync(user).ConfigureAwait(false), ErrorCodes(reset));
        }
    }

    private UserAuthenticationResult Refuse(UserAuthenticationFailure failure)
    {
        IdentityLog.LoginRefused(logger, CredentialTags.Of(failure));
        return UserAuthenticationResult.Failed(failure);
    }

    private static string ErrorCodes(IdentityResult result) => string.Join(", ", result.Errors.Select(e => e.Code));
}
