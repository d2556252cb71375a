using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Jwt;

internal static class JwtRegistration
{
    public static IServiceCollection AddJwt(this IServiceCollection services)
    {
        return services;
    }
}
