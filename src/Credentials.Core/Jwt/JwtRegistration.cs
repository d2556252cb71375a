using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.Jwt;

internal static class JwtRegistration
{
    public static IServiceCollection AddJwt(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new JwtKeyRing(
            sp.GetRequiredService<IOptions<CredentialsOptions>>().Value.Jwt,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<JwtKeyRing>>()));
        services.TryAddSingleton<IJwtIssuer, JwtIssuer>();
        services.TryAddSingleton<IJwtValidator, JwtValidator>();
        return services;
    }
}
