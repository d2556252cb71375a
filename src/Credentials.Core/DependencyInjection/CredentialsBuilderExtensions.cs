using Credentials;
using Credentials.ApiKeys;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // Beside AddCredentials(), so a host chains these without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Swaps a default store, authenticator or directory for the host's own. Each replaces whatever was registered for the
/// service before (the in-memory default, or an earlier call), so the last call wins; each registers a singleton, as
/// the defaults are (a store on a database opens a scope per operation, as the EF Core stores do).
/// </summary>
public static class CredentialsBuilderExtensions
{
    /// <summary>Stores API keys in <typeparamref name="TStore"/> instead of memory.</summary>
    /// <typeparam name="TStore">The host's store.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseApiKeyStore<TStore>(this ICredentialsBuilder builder)
        where TStore : class, IApiKeyStore =>
        builder.ReplaceWithSingleton<IApiKeyStore, TStore>();

    /// <summary>Stores web tokens in <typeparamref name="TStore"/> instead of memory.</summary>
    /// <typeparam name="TStore">The host's store; its issue must replace a subject's token in one atomic step.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseWebTokenStore<TStore>(this ICredentialsBuilder builder)
        where TStore : class, IWebTokenStore =>
        builder.ReplaceWithSingleton<IWebTokenStore, TStore>();

    /// <summary>
    /// Checks logins against <typeparamref name="TAuthenticator"/> (the host's users) instead of the in-memory
    /// authenticator. When it also implements <see cref="IUserDirectory"/> it is the directory too, unless
    /// <see cref="UseUserDirectory{TDirectory}"/> names another.
    /// </summary>
    /// <typeparam name="TAuthenticator">The host's authenticator.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseUserAuthenticator<TAuthenticator>(this ICredentialsBuilder builder)
        where TAuthenticator : class, IUserAuthenticator =>
        builder.ReplaceWithSingleton<IUserAuthenticator, TAuthenticator>();

    /// <summary>
    /// Reads API key owners (their current permissions, their email) from <typeparamref name="TDirectory"/>; a key
    /// never grants more than its owner holds there.
    /// </summary>
    /// <typeparam name="TDirectory">The host's directory.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseUserDirectory<TDirectory>(this ICredentialsBuilder builder)
        where TDirectory : class, IUserDirectory =>
        builder.ReplaceWithSingleton<IUserDirectory, TDirectory>();

    private static ICredentialsBuilder ReplaceWithSingleton<TService, TImplementation>(this ICredentialsBuilder builder)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<TService, TImplementation>());
        return builder;
    }
}
