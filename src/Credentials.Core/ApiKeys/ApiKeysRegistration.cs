using Credentials.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

internal static class ApiKeysRegistration
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.TryAddSingleton<IApiKeyStore, InMemoryApiKeyStore>();
        services.TryAddSingleton(sp => new ApiKeyFormat(ApiKeyOptionsOf(sp)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ApiKeyUsageRecorder>(sp, ApiKeyOptionsOf(sp)));

        // One per container, so it subscribes to the invalidation channel once and every scope shares what it holds.
        services.TryAddSingleton<ApiKeyVerificationCache>();

        // One per container: every scope's verifications count against the same windows. Registered as itself too, so a
        // shared counter (Redis) can fall back to it.
        services.TryAddSingleton(sp => new InMemoryApiKeyRateLimitCounter(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IApiKeyRateLimitCounter>(sp => sp.GetRequiredService<InMemoryApiKeyRateLimitCounter>());

        // Scoped, as a store on a DbContext is; everything long-lived it needs is a singleton above.
        services.TryAddScoped<IApiKeyService, ApiKeyService>();
        return services;
    }

    private static ApiKeyOptions ApiKeyOptionsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<CredentialsOptions>>().Value.ApiKeys;
}
