using Credentials.StackExchangeRedis.HealthChecks;
using Credentials.StackExchangeRedis.Storage;

#pragma warning disable IDE0130 // Beside AddHealthChecks(), so a host chains it without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The health check of the Redis that <c>AddRedis(...)</c> connects to.</summary>
public static class RedisHealthChecksBuilderExtensions
{
    /// <summary>The default name of <see cref="AddCredentialsRedis(IHealthChecksBuilder)"/>' check.</summary>
    public const string RedisCheckName = "credentials_redis";

    /// <summary>
    /// Checks that the Redis of <c>AddRedis(...)</c> (web tokens, sessions, login failure counts, the invalidation
    /// channel) answers <c>PING</c>: Unhealthy when it does not. Needs <c>AddCredentials().AddRedis(...)</c>.
    /// </summary>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCredentialsRedis(this IHealthChecksBuilder builder) =>
        builder.AddCredentialsRedis(RedisCheckName, []);

    /// <summary>As <see cref="AddCredentialsRedis(IHealthChecksBuilder)"/>, under a name and with tags of the host's choosing.</summary>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <param name="name">The check's name in reports.</param>
    /// <param name="tags">Tags to filter checks by (<c>ready</c>, ...).</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCredentialsRedis(this IHealthChecksBuilder builder, string name, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tags);
        return builder.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            name,
            provider => new RedisHealthCheck(provider.GetService<RedisConnection>() ?? throw new InvalidOperationException(
                "AddCredentialsRedis() checks the Redis that AddRedis(...) connects to: call AddCredentials().AddRedis(...) too.")),
            failureStatus: null,
            tags));
    }
}
