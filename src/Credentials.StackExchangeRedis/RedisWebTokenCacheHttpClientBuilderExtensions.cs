using Credentials.Client;
using Credentials.StackExchangeRedis.Client;
using StackExchange.Redis;

// Beside AddWebTokenHandler(), so a host chains it without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Shares a client's web token through Redis.</summary>
public static class RedisWebTokenCacheHttpClientBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisWebTokenCache"/> as the client's shared <see cref="IWebTokenCache"/> (keyed by the
    /// client's name, where <c>AddWebTokenHandler</c> looks for it), so every instance of the application with the same
    /// API key and <paramref name="key"/> shares one token and only one of them refreshes it at a time.
    /// </summary>
    /// <param name="builder">The client, from <c>AddHttpClient(name)</c>, before or after <c>AddWebTokenHandler</c>.</param>
    /// <param name="multiplexer">The host's Redis connection, from the root service provider.</param>
    /// <param name="key">The Redis key of the shared token: one per API key.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public static IHttpClientBuilder AddRedisWebTokenCache(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, IConnectionMultiplexer> multiplexer,
        string key) =>
        builder.AddRedisWebTokenCache(multiplexer, key, static _ => { });

    /// <inheritdoc cref="AddRedisWebTokenCache(IHttpClientBuilder, Func{IServiceProvider, IConnectionMultiplexer}, string)" />
    /// <param name="builder">The client, from <c>AddHttpClient(name)</c>, before or after <c>AddWebTokenHandler</c>.</param>
    /// <param name="multiplexer">The host's Redis connection, from the root service provider.</param>
    /// <param name="key">The Redis key of the shared token: one per API key.</param>
    /// <param name="configure">Sets the refresh lock's duration and retry delay.</param>
    /// <exception cref="ArgumentException">The key is empty or a setting is out of range; the message names it.</exception>
    public static IHttpClientBuilder AddRedisWebTokenCache(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, IConnectionMultiplexer> multiplexer,
        string key,
        Action<RedisWebTokenCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(multiplexer);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RedisWebTokenCacheOptions { Key = key };
        configure(options);
        // Checked here, so a wrong setting stops the host while it is being configured.
        options.Validate();
        builder.Services.AddKeyedSingleton<IWebTokenCache>(builder.Name, (services, _) =>
            new RedisWebTokenCache(multiplexer(services), options, services.GetService<TimeProvider>()));
        return builder;
    }
}
