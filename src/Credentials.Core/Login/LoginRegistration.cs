using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Credentials.Login;

internal static class LoginRegistration
{
    /// <summary>Registers <see cref="ILoginService"/>; it needs the users and JWT registrations beside it.</summary>
    public static IServiceCollection AddLogin(this IServiceCollection services)
    {
        // Scoped: a host's IUserAuthenticator is often scoped (it reads a DbContext). A factory, so a host that
        // never logs users in needs no authenticator, even under ValidateOnBuild.
        services.TryAddScoped<ILoginService>(sp => ActivatorUtilities.CreateInstance<LoginService>(sp));
        return services;
    }
}
