using Credentials;
using Credentials.AspNetCore.Identity;
using Credentials.Sessions;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // Registration lives where hosts already look for it.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers ASP.NET Core Identity's users as the users Credentials logs in and reads.</summary>
public static class IdentityCredentialsBuilderExtensions
{
    /// <summary>
    /// Password login, refresh and API-key owners over the host's Identity users (<c>AddIdentity</c> or
    /// <c>AddIdentityCore().AddSignInManager()</c> must be registered too), with permissions from their
    /// <c>permission</c> claims. Replaces the <see cref="IUserAuthenticator"/> and <see cref="IUserDirectory"/>, and binds
    /// every session to the user's security stamp.
    /// </summary>
    /// <typeparam name="TUser">The host's Identity user type.</typeparam>
    /// <param name="builder">The builder from <c>AddCredentials()</c>.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseAspNetCoreIdentity<TUser>(this ICredentialsBuilder builder)
        where TUser : class, new() =>
        builder.UseAspNetCoreIdentity<TUser>(_ => { });

    /// <summary>
    /// As <see cref="UseAspNetCoreIdentity{TUser}(ICredentialsBuilder)"/>, with the mapping from the user's claims or
    /// roles to permissions set by <paramref name="configure"/>.
    /// </summary>
    /// <typeparam name="TUser">The host's Identity user type.</typeparam>
    /// <param name="builder">The builder from <c>AddCredentials()</c>.</param>
    /// <param name="configure">Sets <see cref="IdentityCredentialsOptions{TUser}"/>.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseAspNetCoreIdentity<TUser>(this ICredentialsBuilder builder, Action<IdentityCredentialsOptions<TUser>> configure)
        where TUser : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<IdentityCredentialsOptions<TUser>>()
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.PermissionClaimType), "IdentityCredentialsOptions.PermissionClaimType must name a claim type (default \"permission\").")
            .ValidateOnStart();
        services.TryAddSingleton<IdentityDummyPasswordHash<TUser>>();
        services.TryAddScoped<IdentityAuthenticatedUsers<TUser>>();
        // Scoped, as Identity's UserManager is; the login service and the directory's readers are scoped too.
        services.Replace(ServiceDescriptor.Scoped<IUserAuthenticator, IdentityUserAuthenticator<TUser>>());
        services.Replace(ServiceDescriptor.Scoped<IUserDirectory, IdentityUserDirectory<TUser>>());
        services.Replace(ServiceDescriptor.Singleton<ISecurityStampSource, IdentitySecurityStampSource<TUser>>());
        return builder;
    }
}
