using Credentials;
using Credentials.ApiKeys;
using Credentials.Invalidation;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Sessions;
using Credentials.StackExchangeRedis;
using Credentials.StackExchangeRedis.ApiKeys;
using Credentials.StackExchangeRedis.Invalidation;
using Credentials.StackExchangeRedis.Login;
using Credentials.StackExchangeRedis.Storage;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

// Beside AddCredentials(), so a host chains it without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Registers the Redis stores: web tokens, the failed-login counts the ASP.NET Core login throttle keeps, API-key rate
/// limits, and on request
/// the managed JWT signing keys.
/// </summary>
public static class RedisCredentialsBuilderExtensions
{
    /// <summary>
    /// Keeps web tokens, login sessions, failed-login counts and API-key rate-limit counts in Redis, shared by every
    /// instance, replacing the web token store, the session store, the <see cref="ILoginFailureCounter"/> and the
    /// <see cref="IApiKeyRateLimitCounter"/> registered before (the in-memory defaults or an earlier call), so the login
    /// throttle's budgets and each key's rate limits are spent by all instances together (API-key credits stay in the
    /// API-key store, the system of record); and tells every
    /// instance of a credential change over Redis pub/sub, replacing the invalidation channel registered before (the
    /// in-process default). The package opens the connection on first use and closes it with the
    /// container; the host starts even while Redis is down, and store operations fail until it is back.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddRedis(this ICredentialsBuilder builder, string connectionString) =>
        builder.AddRedis(connectionString, static _ => { });

    /// <inheritdoc cref="AddRedis(ICredentialsBuilder, string)" />
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>.</param>
    /// <param name="configure">Sets the key prefix and how long expired tokens are kept.</param>
    public static ICredentialsBuilder AddRedis(this ICredentialsBuilder builder, string connectionString, Action<RedisCredentialsOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var configuration = RedisConnection.ParseConnectionString(connectionString);
        return builder.AddRedis(_ => RedisConnection.Open(configuration), configure);
    }

    /// <summary>
    /// Keeps web tokens, login sessions, failed-login counts and API-key rate-limit counts in Redis, and sends
    /// invalidations over Redis pub/sub, through a multiplexer the host already has
    /// (<c>sp =&gt; sp.GetRequiredService&lt;IConnectionMultiplexer&gt;()</c>), replacing the web token store, the session
    /// store, the <see cref="ILoginFailureCounter"/>, the <see cref="IApiKeyRateLimitCounter"/> and the invalidation
    /// channel registered before. The host keeps owning the multiplexer.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="multiplexer">Returns the host's multiplexer; called once, when the store is first resolved.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddRedis(this ICredentialsBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> multiplexer) =>
        builder.AddRedis(multiplexer, static _ => { });

    /// <inheritdoc cref="AddRedis(ICredentialsBuilder, Func{IServiceProvider, IConnectionMultiplexer})" />
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="multiplexer">Returns the host's multiplexer; called once, when the store is first resolved.</param>
    /// <param name="configure">Sets the key prefix and how long expired tokens are kept.</param>
    public static ICredentialsBuilder AddRedis(
        this ICredentialsBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> multiplexer, Action<RedisCredentialsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        return builder.AddRedis(provider => RedisConnection.Borrow(multiplexer(provider)), configure);
    }

    /// <summary>
    /// Keeps managed JWT signing keys (<c>UseManagedSigningKeys()</c>) in the Redis of <c>AddRedis(...)</c>, under its
    /// key prefix, replacing the signing-key store registered before (in memory, or the EF Core store). Not part of
    /// <c>AddRedis</c>: a Redis without persistence loses its keys on restart, and then every JWT signed before is
    /// refused, so the host chooses this knowingly (web tokens, by contrast, are fetched again). The keys' private parts
    /// need a protector every instance shares (<c>UseDataProtectionForSigningKeys()</c> or <c>UseSigningKeyProtector&lt;T&gt;()</c>).
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder UseRedisSigningKeys(this ICredentialsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISigningKeyStore>(provider => new RedisSigningKeyStore(
            provider.GetService<RedisConnection>() ?? throw new InvalidOperationException(
                "UseRedisSigningKeys() keeps signing keys in the Redis that AddRedis(...) connects to: call AddRedis(...) too."),
            provider.GetRequiredService<IOptions<RedisCredentialsOptions>>().Value.KeyPrefix)));
        return builder;
    }

    private static ICredentialsBuilder AddRedis(
        this ICredentialsBuilder builder, Func<IServiceProvider, RedisConnection> connection, Action<RedisCredentialsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisCredentialsOptions>()
            .Configure(configure)
            .Validate(o => o.KeyPrefix is { Length: <= RedisCredentialsOptions.MaximumKeyPrefixLength },
                $"RedisCredentialsOptions.KeyPrefix must be set and at most {RedisCredentialsOptions.MaximumKeyPrefixLength} characters.")
            .Validate(o => o.ExpiredTokenRetention >= TimeSpan.Zero && o.ExpiredTokenRetention <= RedisCredentialsOptions.MaximumExpiredTokenRetention,
                $"RedisCredentialsOptions.ExpiredTokenRetention must be between zero and {RedisCredentialsOptions.MaximumExpiredTokenRetention.TotalDays} days.")
            .ValidateOnStart();
        // The last call wins, connection, store and channel alike.
        services.Replace(ServiceDescriptor.Singleton(connection));
        services.Replace(ServiceDescriptor.Singleton<IWebTokenStore>(provider => new RedisWebTokenStore(
            provider.GetRequiredService<RedisConnection>(),
            provider.GetRequiredService<IOptions<RedisCredentialsOptions>>(),
            provider.GetRequiredService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<ISessionStore>(provider => new RedisSessionStore(
            provider.GetRequiredService<RedisConnection>(),
            provider.GetRequiredService<IOptions<RedisCredentialsOptions>>(),
            provider.GetRequiredService<TimeProvider>())));
        // Login failures too, for the ASP.NET Core throttle: its contract lives in Core, so this package needs no
        // ASP.NET Core; without AddAspNetCore() nothing resolves it. The host's in-process counter is the fallback.
        services.Replace(ServiceDescriptor.Singleton<ILoginFailureCounter>(provider => new RedisLoginFailureCounter(
            provider.GetRequiredService<RedisConnection>(),
            provider.GetRequiredService<IOptions<RedisCredentialsOptions>>().Value.KeyPrefix,
            provider.GetService<InMemoryLoginFailureCounter>() ?? new InMemoryLoginFailureCounter(provider.GetRequiredService<TimeProvider>()),
            provider.GetService<ILogger<RedisLoginFailureCounter>>() ?? NullLogger<RedisLoginFailureCounter>.Instance)));
        // API-key rate limits too: one budget per key and limit for every instance. Credits stay in the API-key store, the
        // system of record: a Redis restart without persistence would refill every key. The in-process counter is the fallback.
        services.Replace(ServiceDescriptor.Singleton<IApiKeyRateLimitCounter>(provider => new RedisApiKeyRateLimitCounter(
            provider.GetRequiredService<RedisConnection>(),
            provider.GetRequiredService<IOptions<RedisCredentialsOptions>>().Value.KeyPrefix,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<InMemoryApiKeyRateLimitCounter>() ?? new InMemoryApiKeyRateLimitCounter(provider.GetRequiredService<TimeProvider>()),
            provider.GetService<ILogger<RedisApiKeyRateLimitCounter>>() ?? NullLogger<RedisApiKeyRateLimitCounter>.Instance)));
        // Every instance that shares the store shares the channel: one more subscription on a connection already open.
        services.Replace(ServiceDescriptor.Singleton<ICredentialInvalidationChannel>(provider => new RedisInvalidationChannel(
            provider.GetRequiredService<RedisConnection>(),
            provider.GetRequiredService<IOptions<RedisCredentialsOptions>>(),
            provider.GetService<ILogger<RedisInvalidationChannel>>() ?? NullLogger<RedisInvalidationChannel>.Instance)));
        return builder;
    }
}
