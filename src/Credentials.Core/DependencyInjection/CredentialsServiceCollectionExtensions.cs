using Credentials;
using Credentials.ApiKeys;
using Credentials.Diagnostics;
using Credentials.Invalidation;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Secrets;
using Credentials.Sessions;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// The front door lives in the DI namespace, as Microsoft.Extensions.* registrations do, so it is found without a using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the credential primitives.</summary>
public static class CredentialsServiceCollectionExtensions
{
    /// <summary>
    /// Registers API keys, web tokens, password login, JWTs and login sessions with their in-memory default stores. Every default is
    /// added with <c>TryAdd</c>, so a store or authenticator the host registered itself wins. Options are validated
    /// when the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>A builder that swaps stores and adds integrations (<c>.AddAspNetCore()</c>, <c>.AddEntityFrameworkStores&lt;TContext&gt;()</c>).</returns>
    public static ICredentialsBuilder AddCredentials(this IServiceCollection services)
    {
        services.AddCredentialsServices();
        return new CredentialsBuilder(services);
    }

    /// <summary>
    /// Registers the credential primitives as <see cref="AddCredentials(IServiceCollection)"/> does, with settings
    /// set in code; they are validated when the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the settings; see <see cref="CredentialsOptions"/>.</param>
    /// <returns>A builder that swaps stores and adds integrations.</returns>
    public static ICredentialsBuilder AddCredentials(this IServiceCollection services, Action<CredentialsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddCredentialsServices().Configure(configure);
        return new CredentialsBuilder(services);
    }

    /// <summary>
    /// Registers the credential primitives as <see cref="AddCredentials(IServiceCollection)"/> does, with
    /// <see cref="CredentialsOptions"/> bound from <paramref name="configuration"/> (usually
    /// <c>builder.Configuration.GetSection("Credentials")</c>) and validated when the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section whose keys are <see cref="CredentialsOptions"/>' properties (<c>Jwt:Issuer</c>, ...).</param>
    /// <returns>A builder that swaps stores and adds integrations.</returns>
    public static ICredentialsBuilder AddCredentials(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCredentialsServices().Bind(configuration);
        return new CredentialsBuilder(services);
    }

    private static OptionsBuilder<CredentialsOptions> AddCredentialsServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<CredentialsOptions>();
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialsOptions>, CredentialsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretRandom>(CryptoSecretRandom.Instance);
        services.TryAddSingleton(sp => new SecretHasher(sp.GetRequiredService<IOptions<CredentialsOptions>>().Value.Hashing));
        services.TryAddSingleton<CredentialsMetrics>();

        services.AddInvalidation();
        services.AddApiKeys();
        services.AddWebTokens();
        services.AddUsers();
        services.AddJwt();
        services.AddSessions();
        services.AddLogin();
        return options;
    }
}
