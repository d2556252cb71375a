using Credentials.Client;
using Credentials.Client.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Puts a web token on every request of a named or typed <see cref="HttpClient"/>. The fetch may return a
/// <see cref="ValueTask{TResult}"/> (an <c>async</c> lambda lands there) or a <see cref="Task{TResult}"/>.
/// </summary>
public static class WebTokenHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="WebTokenAuthenticationHandler"/> to the client and registers the <see cref="WebTokenManager"/>
    /// behind it: one per client name, a singleton keyed by that name
    /// (<c>GetRequiredKeyedService&lt;WebTokenManager&gt;(name)</c>). Needs nothing else registered: the clock is the
    /// registered <see cref="TimeProvider"/> or <see cref="TimeProvider.System"/>, and the shared cache is an
    /// <see cref="IWebTokenCache"/> keyed by the client name if there is one.
    /// </summary>
    /// <param name="builder">The client to authenticate, from <c>AddHttpClient(name)</c>.</param>
    /// <param name="fetchToken">
    /// Fetches a new token from the API, for example with a client from <see cref="IHttpClientFactory"/> that sends the
    /// API key (never this client: it would ask the manager for a token to fetch a token). It gets the root service
    /// provider, so it creates its own scope for scoped services.
    /// </param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="InvalidOperationException">The client already has a web token handler.</exception>
    public static IHttpClientBuilder AddWebTokenHandler(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, CancellationToken, ValueTask<FetchedWebToken>> fetchToken) =>
        AddHandlerAndManager(builder, fetchToken, configure: null);

    /// <summary>
    /// Adds a <see cref="WebTokenAuthenticationHandler"/> and its keyed <see cref="WebTokenManager"/>, as the overload
    /// without options does, with the manager's options set by <paramref name="configure"/>. They are validated when
    /// the manager is first needed (at start-up in a host); the message names the setting and the client.
    /// </summary>
    /// <param name="builder">The client to authenticate, from <c>AddHttpClient(name)</c>.</param>
    /// <param name="fetchToken">Fetches a new token from the API; it gets the root service provider.</param>
    /// <param name="configure">Refresh timing, retry delays and fetch timeout.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="InvalidOperationException">The client already has a web token handler.</exception>
    public static IHttpClientBuilder AddWebTokenHandler(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, CancellationToken, ValueTask<FetchedWebToken>> fetchToken,
        Action<WebTokenClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddHandlerAndManager(builder, fetchToken, configure);
    }

    /// <summary>Adds a web token handler whose fetch returns a <see cref="Task{TResult}"/>, such as a typed client's method.</summary>
    /// <typeparam name="TTask">
    /// <see cref="Task{TResult}"/> of <see cref="FetchedWebToken"/>, inferred. Generic only so that an <c>async</c> lambda,
    /// which fits both kinds of fetch, binds to the <see cref="ValueTask{TResult}"/> overload instead of being ambiguous.
    /// </typeparam>
    /// <param name="builder">The client to authenticate, from <c>AddHttpClient(name)</c>.</param>
    /// <param name="fetchToken">Fetches a new token from the API; it gets the root service provider.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="InvalidOperationException">The client already has a web token handler.</exception>
    public static IHttpClientBuilder AddWebTokenHandler<TTask>(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, CancellationToken, TTask> fetchToken)
        where TTask : Task<FetchedWebToken> =>
        AddHandlerAndManager(builder, FromTask(fetchToken), configure: null);

    /// <summary>Adds a web token handler whose fetch returns a <see cref="Task{TResult}"/>, with the manager's options set by <paramref name="configure"/>.</summary>
    /// <typeparam name="TTask"><see cref="Task{TResult}"/> of <see cref="FetchedWebToken"/>, inferred.</typeparam>
    /// <param name="builder">The client to authenticate, from <c>AddHttpClient(name)</c>.</param>
    /// <param name="fetchToken">Fetches a new token from the API; it gets the root service provider.</param>
    /// <param name="configure">Refresh timing, retry delays and fetch timeout.</param>
    /// <returns>The same builder, to chain further configuration.</returns>
    /// <exception cref="InvalidOperationException">The client already has a web token handler.</exception>
    public static IHttpClientBuilder AddWebTokenHandler<TTask>(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, CancellationToken, TTask> fetchToken,
        Action<WebTokenClientOptions> configure)
        where TTask : Task<FetchedWebToken>
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddHandlerAndManager(builder, FromTask(fetchToken), configure);
    }

    private static Func<IServiceProvider, CancellationToken, ValueTask<FetchedWebToken>> FromTask<TTask>(
        Func<IServiceProvider, CancellationToken, TTask> fetchToken)
        where TTask : Task<FetchedWebToken>
    {
        ArgumentNullException.ThrowIfNull(fetchToken);
        return (services, cancellationToken) => new ValueTask<FetchedWebToken>(fetchToken(services, cancellationToken));
    }

    private static IHttpClientBuilder AddHandlerAndManager(
        IHttpClientBuilder builder,
        Func<IServiceProvider, CancellationToken, ValueTask<FetchedWebToken>> fetchToken,
        Action<WebTokenClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fetchToken);
        var name = builder.Name;
        if (builder.Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(WebTokenManager) && Equals(d.ServiceKey, name)))
        {
            // A second handler would stack on the first and a second manager would replace it: never what was meant.
            throw new InvalidOperationException($"The HttpClient '{name}' already has a web token handler; call AddWebTokenHandler once per client.");
        }

        var options = builder.Services.AddOptions<WebTokenClientOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebTokenClientOptions>, WebTokenClientOptionsValidator>());
        builder.Services.AddKeyedSingleton(name, (services, _) => new WebTokenManager(
            cancellationToken => fetchToken(services, cancellationToken),
            services.GetRequiredService<IOptionsMonitor<WebTokenClientOptions>>().Get(name),
            services.GetKeyedService<IWebTokenCache>(name),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILogger<WebTokenManager>>()));
        return builder.AddHttpMessageHandler(services => new WebTokenAuthenticationHandler(services.GetRequiredKeyedService<WebTokenManager>(name)));
    }
}
