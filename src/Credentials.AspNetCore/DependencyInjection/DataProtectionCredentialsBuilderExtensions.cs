using Credentials;
using Credentials.AspNetCore.Jwt;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Beside AddCredentials(), so a host chains it without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Seals managed JWT signing keys with ASP.NET Core Data Protection.</summary>
public static class DataProtectionCredentialsBuilderExtensions
{
    /// <summary>
    /// Protects the private parts of managed signing keys (<c>UseManagedSigningKeys()</c>) at rest with ASP.NET Core
    /// Data Protection. Adds Data Protection if the host has not; instances that share a signing-key store must share
    /// its key ring too (<c>PersistKeysTo…</c> and <c>ProtectKeysWith…</c>, and one <c>SetApplicationName</c>).
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseDataProtectionForSigningKeys(this ICredentialsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISigningKeyProtector, DataProtectionSigningKeyProtector>());
        return builder;
    }
}
