using Credentials;
using Credentials.ApiKeys;
using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Secrets;
using Credentials.Users;
using Credentials.WebTokens;
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
    /// Registers API keys, web tokens, password login and JWTs with their in-memory default stores. Every default is
    /// added with <c>TryAdd</c>, so a store or authenticator the host registered itself wins. Options are validated
    /// when the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Optional settings; see <see cref="CredentialsOptions"/>.</param>
    /// <returns>A builder that integrations extend.</returns>
    public static ICredentialsBuilder AddCredentials(this IServiceCollection services, Action<CredentialsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<CredentialsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialsOptions>, SecretHashingOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretRandom>(CryptoSecretRandom.Instance);
        services.TryAddSingleton(sp => new SecretHasher(sp.GetRequiredService<IOptions<CredentialsOptions>>().Value.Hashing));
        services.TryAddSingleton<CredentialsMetrics>();

        services.AddApiKeys();
        services.AddWebTokens();
        services.AddUsers();
        services.AddJwt();
        services.AddLogin();

        return new CredentialsBuilder(services);
    }
}
