using System.Security.Claims;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// How ASP.NET Core Identity users become the users Credentials issues JWTs and API keys for: which of their claims
/// or roles are permissions. Set through <c>UseAspNetCoreIdentity&lt;TUser&gt;(options =&gt; …)</c>.
/// </summary>
/// <typeparam name="TUser">The host's Identity user type.</typeparam>
public sealed class IdentityCredentialsOptions<TUser>
    where TUser : class
{
    /// <summary><c>permission</c>: the claim type the default mapping reads permissions from.</summary>
    public const string DefaultPermissionClaimType = "permission";

    /// <summary>
    /// The claim type whose values, among the user's own claims (<c>UserManager.GetClaimsAsync</c>), are the user's
    /// permissions when <see cref="MapPermissions"/> is not set. Default <see cref="DefaultPermissionClaimType"/>.
    /// </summary>
    public string PermissionClaimType { get; set; } = DefaultPermissionClaimType;

    /// <summary>
    /// The host's mapping from a user, its claims and its role names to its permissions (for example every role's
    /// name, or a table from roles to permissions); null for the default, the values of the user's claims of type
    /// <see cref="PermissionClaimType"/>. Roles are read from the user store only when this is set. Called at every
    /// login, refresh and API-key verification, so a removed role or claim stops granting at once.
    /// </summary>
    public Func<TUser, IList<Claim>, IList<string>, IEnumerable<string>>? MapPermissions { get; set; }
}
