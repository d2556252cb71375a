using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credentials.WebTokens;

internal static class WebTokensRegistration
{
    public static IServiceCollection AddWebTokens(this IServiceCollection services)
    {
        services.TryAddSingleton<IWebTokenStore, InMemoryWebTokenStore>();
        services.TryAddSingleton<IWebTokenService, WebTokenService>();
        return services;
    }
}
