using Credentials;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // Beside AddCredentials(), so a host chains these without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Turns on automatic JWT signing-key management and swaps its store and protector.</summary>
public static class ManagedSigningKeysCredentialsBuilderExtensions
{
    /// <summary>
    /// Signs JWTs with keys the library makes, rotates and deletes by itself in the <see cref="ISigningKeyStore"/>
    /// (in memory unless a durable store is registered), with the default <see cref="ManagedSigningKeyOptions"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseManagedSigningKeys(this ICredentialsBuilder builder) =>
        builder.UseManagedSigningKeys(_ => { });

    /// <summary>
    /// Signs JWTs with keys the library makes, rotates and deletes by itself in the <see cref="ISigningKeyStore"/>
    /// (in memory unless a durable store is registered).
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="configure">Sets the algorithm and the rotation times; validated at start.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseManagedSigningKeys(this ICredentialsBuilder builder, Action<ManagedSigningKeyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<CredentialsOptions>(options =>
        {
            options.Jwt.ManagedSigningKeys.Enabled = true;
            configure(options.Jwt.ManagedSigningKeys);
        });
        return builder;
    }

    /// <summary>Keeps managed signing keys in <typeparamref name="TStore"/> instead of memory.</summary>
    /// <typeparam name="TStore">The host's store; its add must refuse a generation it already holds in one atomic step.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseSigningKeyStore<TStore>(this ICredentialsBuilder builder)
        where TStore : class, ISigningKeyStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISigningKeyStore, TStore>());
        return builder;
    }

    /// <summary>Seals managed keys' private parts with <typeparamref name="TProtector"/> (a KMS, for example) before they are stored.</summary>
    /// <typeparam name="TProtector">The host's protector; every instance sharing the store must open what any of them sealed.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseSigningKeyProtector<TProtector>(this ICredentialsBuilder builder)
        where TProtector : class, ISigningKeyProtector
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISigningKeyProtector, TProtector>());
        return builder;
    }
}
