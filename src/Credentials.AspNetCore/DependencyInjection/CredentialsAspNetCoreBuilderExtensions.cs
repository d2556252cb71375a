using Credentials;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Credentials.Login;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Beside AddCredentials(), so a host chains it without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds the ASP.NET Core parts: the authentication scheme and what the endpoints need.</summary>
public static class CredentialsAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds the Credentials authentication scheme, which accepts API keys, web tokens and JWTs from
    /// <c>Authorization: Bearer</c> and the <c>token</c>/<c>accesskey</c> query parameters, with its default settings;
    /// authorization; and what the endpoints need (<see cref="CredentialsEndpointOptions"/>, the failed-login
    /// throttle). The scheme is the default one unless the host names another (<c>AddAuthentication("Cookies")</c>).
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddAspNetCore(this ICredentialsBuilder builder) =>
        builder.AddAspNetCore(CredentialsAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>Adds the ASP.NET Core parts, with the scheme's settings (which kinds, which transports).</summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="configure">Sets the scheme's settings.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddAspNetCore(this ICredentialsBuilder builder, Action<CredentialsAuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddAspNetCore(CredentialsAuthenticationDefaults.AuthenticationScheme, configure);
    }

    /// <summary>
    /// Adds the ASP.NET Core parts with the scheme under a name of the host's choosing. Called again with another
    /// name, it adds a second scheme with settings of its own (say, one that refuses query-string transports).
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="authenticationScheme">The scheme's name.</param>
    /// <param name="configure">Sets the scheme's settings, or null for the defaults.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddAspNetCore(
        this ICredentialsBuilder builder,
        string authenticationScheme,
        Action<CredentialsAuthenticationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        var services = builder.Services;
        services.TryAddSingleton<CredentialShapes>();
        services.TryAddSingleton<CredentialLocator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialsAuthenticationOptions>, CredentialsAuthenticationOptionsValidator>());
        services.AddOptions<CredentialsAuthenticationOptions>(authenticationScheme).ValidateOnStart();
        services.AddOptions<CredentialsEndpointOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialsEndpointOptions>, CredentialsEndpointOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The in-process counter is a service of its own, so a shared counter (Redis) can fall back to it.
        services.TryAddSingleton(sp => new InMemoryLoginFailureCounter(
            sp.GetRequiredService<IOptions<CredentialsEndpointOptions>>().Value.LoginThrottle.MaxPartitions,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ILoginFailureCounter>(sp => sp.GetRequiredService<InMemoryLoginFailureCounter>());
        services.TryAddSingleton(sp => new LoginThrottle(
            sp.GetRequiredService<IOptions<CredentialsEndpointOptions>>().Value.LoginThrottle,
            sp.GetRequiredService<ILoginFailureCounter>()));
        services.AddAuthorization();

        // ??=: a default the host names, before or after this call, wins.
        services.AddAuthentication(options => options.DefaultScheme ??= authenticationScheme)
            .AddScheme<CredentialsAuthenticationOptions, CredentialsAuthenticationHandler>(authenticationScheme, configure);
        return builder;
    }
}
