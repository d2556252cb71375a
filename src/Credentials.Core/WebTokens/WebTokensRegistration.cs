using Microsoft.Extensions.DependencyInjection;

namespace Credentials.WebTokens;

internal static class WebTokensRegistration
{
    public static IServiceCollection AddWebTokens(this IServiceCollection services)
    {
        return services;
    }
}
