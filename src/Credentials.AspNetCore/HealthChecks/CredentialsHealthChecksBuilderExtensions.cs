using Credentials.AspNetCore.HealthChecks;

#pragma warning disable IDE0130 // Beside AddHealthChecks(), so a host chains it without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Health checks of the Credentials parts every host has; the stores' checks come with their packages.</summary>
public static class CredentialsHealthChecksBuilderExtensions
{
    /// <summary>The default name of <see cref="AddCredentialsSigningKeys(IHealthChecksBuilder)"/>' check.</summary>
    public const string SigningKeysCheckName = "credentials_signing_keys";

    /// <summary>
    /// Checks the JWT signing keys: Unhealthy when no key can sign, Degraded when keys are managed
    /// (<c>UseManagedSigningKeys()</c>) and the next key is not published although the active key's rotation ends within
    /// the propagation time. For hosts that issue JWTs: one without <c>Credentials:Jwt</c> has no key and is Unhealthy.
    /// </summary>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCredentialsSigningKeys(this IHealthChecksBuilder builder) =>
        builder.AddCredentialsSigningKeys(SigningKeysCheckName, []);

    /// <summary>As <see cref="AddCredentialsSigningKeys(IHealthChecksBuilder)"/>, under a name and with tags of the host's choosing.</summary>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <param name="name">The check's name in reports.</param>
    /// <param name="tags">Tags to filter checks by (<c>ready</c>, <c>live</c>, ...).</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCredentialsSigningKeys(this IHealthChecksBuilder builder, string name, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tags);
        return builder.AddCheck<SigningKeysHealthCheck>(name, failureStatus: null, tags);
    }
}
