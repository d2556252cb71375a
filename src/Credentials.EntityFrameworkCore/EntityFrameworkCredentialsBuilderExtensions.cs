using Credentials;
using Credentials.ApiKeys;
using Credentials.EntityFrameworkCore.Storage;
using Credentials.Jwt;
using Credentials.Sessions;
using Credentials.WebTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// Beside AddCredentials(), so a host chains it without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Entity Framework Core stores.</summary>
public static class EntityFrameworkCredentialsBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory API key, web token, signing key and session stores with stores on the host's <typeparamref name="TContext"/>,
    /// whose <c>OnModelCreating</c> must call <c>modelBuilder.ApplyCredentialsModel()</c>. Register the context itself
    /// as usual (<c>AddDbContext</c>, <c>AddDbContextPool</c> or <c>AddDbContextFactory</c>); each store operation
    /// runs on a context of its own from a new scope, so the stores are singletons that any service may hold.
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddEntityFrameworkStores<TContext>(this ICredentialsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(provider => new CredentialsDatabase<TContext>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger("Credentials.EntityFrameworkCore") ?? NullLogger.Instance));
        services.Replace(ServiceDescriptor.Singleton<IApiKeyStore, EntityFrameworkApiKeyStore<TContext>>());
        services.Replace(ServiceDescriptor.Singleton<IWebTokenStore, EntityFrameworkWebTokenStore<TContext>>());
        services.Replace(ServiceDescriptor.Singleton<ISigningKeyStore, EntityFrameworkSigningKeyStore<TContext>>());
        services.Replace(ServiceDescriptor.Singleton<ISessionStore, EntityFrameworkSessionStore<TContext>>());
        return builder;
    }
}
