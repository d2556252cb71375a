using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Credentials.Invalidation;

internal static class InvalidationRegistration
{
    /// <summary>One channel per container: a transport package replaces it (Redis, PostgreSQL).</summary>
    public static IServiceCollection AddInvalidation(this IServiceCollection services)
    {
        services.TryAddSingleton<ICredentialInvalidationChannel, InProcessInvalidationChannel>();
        return services;
    }
}
