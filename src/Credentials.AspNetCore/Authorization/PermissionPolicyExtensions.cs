using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Credentials.AspNetCore.Authorization;

/// <summary>Policies over the <see cref="CredentialClaimTypes.Permission"/> claims the handler issues.</summary>
public static class PermissionPolicyExtensions
{
    /// <summary>Requires an authenticated caller holding at least one of <paramref name="permissions"/> (ordinal, case-sensitive).</summary>
    public static AuthorizationPolicyBuilder RequirePermission(this AuthorizationPolicyBuilder builder, params string[] permissions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(permissions);
        if (permissions.Length == 0)
        {
            throw new ArgumentException("Name at least one permission.", nameof(permissions));
        }

        return builder.RequireAuthenticatedUser().RequireClaim(CredentialClaimTypes.Permission, permissions);
    }
}
