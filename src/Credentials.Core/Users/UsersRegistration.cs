using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Users;

internal static class UsersRegistration
{
    public static IServiceCollection AddPasswordLogin(this IServiceCollection services)
    {
        return services;
    }
}
