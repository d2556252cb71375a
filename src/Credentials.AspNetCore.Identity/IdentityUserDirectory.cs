using Credentials.Users;
using Microsoft.AspNetCore.Identity;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// Identity users as the directory API keys and refreshes read: a key grants only what its owner holds now through the
/// mapping, so removing a role or claim narrows every key of the user at its next verification. A locked-out user
/// still owns working keys: a lockout is about password guessing, and anyone could trigger it.
/// </summary>
internal sealed class IdentityUserDirectory<TUser>(UserManager<TUser> users, IdentityAuthenticatedUsers<TUser> describe) : IUserDirectory
    where TUser : class
{
    public async ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        return user is null ? null : await describe.DescribeAsync(user).ConfigureAwait(false);
    }
}
