using Credentials;
using Credentials.Argon2;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Beside AddCredentials(), so a host chains it without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers Argon2id password hashing.</summary>
public static class Argon2CredentialsBuilderExtensions
{
    /// <summary>
    /// Hashes new passwords with Argon2id at OWASP's minimum (19 MiB, two passes, one lane), replacing the
    /// <see cref="IPasswordHasher"/> registered before. Stored PBKDF2 hashes (this library's, ASP.NET Core Identity's V2
    /// and V3) keep verifying, as "rehash needed", so each user moves to Argon2id at their next login.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseArgon2idPasswords(this ICredentialsBuilder builder) =>
        builder.UseArgon2idPasswords(static _ => { });

    /// <inheritdoc cref="UseArgon2idPasswords(ICredentialsBuilder)" />
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="configure">Sets the memory and passes; validated when the host starts.</param>
    public static ICredentialsBuilder UseArgon2idPasswords(this ICredentialsBuilder builder, Action<Argon2idPasswordOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<Argon2idPasswordOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Argon2idPasswordOptions>, Argon2idPasswordOptionsValidator>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IPasswordHasher>(sp => new Argon2idPasswordHasher(
            sp.GetRequiredService<IOptions<Argon2idPasswordOptions>>().Value,
            sp.GetRequiredService<IOptions<CredentialsOptions>>().Value.Passwords)));
        return builder;
    }
}
