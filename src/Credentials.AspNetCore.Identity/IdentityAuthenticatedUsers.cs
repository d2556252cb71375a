using System.Security.Claims;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// Describes an Identity user as Credentials sees one: id, name, email, permissions through the host's mapping, and the
/// security stamp its session is bound to. One place, so a login, a refresh and an API key's owner agree.
/// </summary>
internal sealed class IdentityAuthenticatedUsers<TUser>(UserManager<TUser> users, IOptions<IdentityCredentialsOptions<TUser>> options)
    where TUser : class
{
    public async ValueTask<AuthenticatedUser> DescribeAsync(TUser user)
    {
        var id = await users.GetUserIdAsync(user).ConfigureAwait(false);
        var settings = options.Value;
        IList<Claim> claims = users.SupportsUserClaim ? await users.GetClaimsAsync(user).ConfigureAwait(false) : [];
        var permissions = settings.MapPermissions is { } map
            ? map(user, claims, users.SupportsUserRole ? await users.GetRolesAsync(user).ConfigureAwait(false) : [])
            : claims.Where(c => string.Equals(c.Type, settings.PermissionClaimType, StringComparison.Ordinal)).Select(c => c.Value);
        return new AuthenticatedUser
        {
            Id = id,
            Username = await users.GetUserNameAsync(user).ConfigureAwait(false) ?? id,
            Email = users.SupportsUserEmail ? await users.GetEmailAsync(user).ConfigureAwait(false) : null,
            Permissions = permissions.Distinct(StringComparer.Ordinal).ToArray(),
            SecurityStamp = users.SupportsUserSecurityStamp ? await users.GetSecurityStampAsync(user).ConfigureAwait(false) : null,
        };
    }
}
