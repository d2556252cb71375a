using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Credentials.Invalidation;

internal static class InvalidationRegistration
{
    /// <summary>One channel per container: a transport package replaces it (Redis, PostgreSQL).</summary>
    public static IServiceCollection AddInvalidation(this IServiceCollection services)
    {
        // The channel's logger is an optional parameter, so a host without logging still gets a channel.
        services.TryAddSingleton<ICredentialInvalidationChannel, InProcessInvalidationChannel>();
        return services;
    }
}
