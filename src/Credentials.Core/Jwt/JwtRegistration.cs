using Credentials.Invalidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.Jwt;

internal static class JwtRegistration
{
    public static IServiceCollection AddJwt(this IServiceCollection services)
    {
        services.TryAddSingleton<ISigningKeyStore, InMemorySigningKeyStore>();
        services.TryAddSingleton<ISigningKeyProtector, EphemeralSigningKeyProtector>();
        services.TryAddSingleton(CreateKeyRing);
        services.TryAddSingleton<IJwtIssuer, JwtIssuer>();
        services.TryAddSingleton<IJwtValidator, JwtValidator>();
        return services;
    }

    private static JwtKeyRing CreateKeyRing(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CredentialsOptions>>().Value.Jwt;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetService<ILogger<JwtKeyRing>>();
        if (!options.ManagedSigningKeys.Enabled)
        {
            return new JwtKeyRing(options, time, logger);
        }

        var store = services.GetRequiredService<ISigningKeyStore>();
        var protector = services.GetRequiredService<ISigningKeyProtector>();
        if (protector is EphemeralSigningKeyProtector && store is not InMemorySigningKeyStore)
        {
            // Keys sealed under a key that dies with this process would be unreadable to every other instance and restart.
            throw new InvalidOperationException(
                $"Managed signing keys in {store.GetType().Name} need a protector every instance shares: call UseDataProtectionForSigningKeys() (Credentials.AspNetCore) or UseSigningKeyProtector<T>() with a KMS-backed one.");
        }

        return new JwtKeyRing(options, time, logger, store, protector, services.GetService<ICredentialInvalidationChannel>());
    }
}
