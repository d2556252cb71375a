using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Credentials.Sessions;

internal static class SessionsRegistration
{
    /// <summary>Registers the session service and the in-memory store; it needs the invalidation channel beside it.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
        services.TryAddSingleton<ISessionService, SessionService>();
        return services;
    }
}
