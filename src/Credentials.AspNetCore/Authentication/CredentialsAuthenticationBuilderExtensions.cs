using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // Registration extensions live where hosts already look for them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds the Credentials authentication scheme.</summary>
public static class CredentialsAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds a scheme that accepts API keys, web tokens and JWTs from <c>Authorization: Bearer</c> and the
    /// <c>token</c>/<c>accesskey</c> query parameters. Call <c>services.AddCredentials()</c> as well: the scheme
    /// verifies with its services.
    /// </summary>
    public static AuthenticationBuilder AddCredentials(this AuthenticationBuilder builder) =>
        builder.AddCredentials(CredentialsAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>Adds the scheme with settings (which kinds, which transports).</summary>
    public static AuthenticationBuilder AddCredentials(this AuthenticationBuilder builder, Action<CredentialsAuthenticationOptions> configure) =>
        builder.AddCredentials(CredentialsAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds the scheme under a name of the host's choosing. Also registers what <c>MapCredentialsEndpoints()</c>
    /// needs (<see cref="CredentialsEndpointOptions"/>, the failed-login throttle).
    /// </summary>
    public static AuthenticationBuilder AddCredentials(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<CredentialsAuthenticationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<CredentialShapes>();
        builder.Services.TryAddSingleton<CredentialLocator>();
        builder.Services.AddOptions<CredentialsEndpointOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialsEndpointOptions>, LoginThrottleOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => new LoginThrottle(
            sp.GetRequiredService<IOptions<CredentialsEndpointOptions>>().Value.LoginThrottle,
            sp.GetRequiredService<TimeProvider>()));
        return builder.AddScheme<CredentialsAuthenticationOptions, CredentialsAuthenticationHandler>(authenticationScheme, configure);
    }
}
