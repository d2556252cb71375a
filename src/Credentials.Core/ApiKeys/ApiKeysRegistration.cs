using Microsoft.Extensions.DependencyInjection;

namespace Credentials.ApiKeys;

internal static class ApiKeysRegistration
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        return services;
    }
}
