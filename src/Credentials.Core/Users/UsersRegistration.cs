using Credentials.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.Users;

internal static class UsersRegistration
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.TryAddSingleton<IPasswordHasher>(sp => new Pbkdf2PasswordHasher(
            sp.GetRequiredService<IOptions<CredentialsOptions>>().Value.Passwords,
            sp.GetRequiredService<ISecretRandom>()));
        services.TryAddSingleton(sp => new InMemoryUserAuthenticator(
            sp.GetRequiredService<IPasswordHasher>(),
            sp.GetRequiredService<IOptions<CredentialsOptions>>().Value.Passwords,
            sp.GetService<ILoggerFactory>()?.CreateLogger<InMemoryUserAuthenticator>() ?? (ILogger)NullLogger.Instance));
        services.TryAddSingleton<IUserAuthenticator>(sp => sp.GetRequiredService<InMemoryUserAuthenticator>());
        // The host's authenticator is its directory too when it can be (API keys read owners' permissions from it);
        // otherwise the in-memory one, which knows no owner unless users are added to it.
        // Scoped, so a host's scoped authenticator (on a DbContext) can be the directory without a captive dependency.
        services.TryAddScoped<IUserDirectory>(sp =>
            sp.GetRequiredService<IUserAuthenticator>() as IUserDirectory ?? sp.GetRequiredService<InMemoryUserAuthenticator>());
        return services;
    }
}
