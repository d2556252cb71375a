using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Invalidation;

internal static class InvalidationRegistration
{
    /// <summary>One channel per container: a transport package replaces it (Redis, PostgreSQL).</summary>
    public static IServiceCollection AddInvalidation(this IServiceCollection services)
    {
        // A factory: a host without logging (a console tool, a test) still gets a channel.
        services.TryAddSingleton<ICredentialInvalidationChannel>(sp => new InProcessInvalidationChannel(
            sp.GetService<ILogger<InProcessInvalidationChannel>>() ?? NullLogger<InProcessInvalidationChannel>.Instance));
        return services;
    }
}
