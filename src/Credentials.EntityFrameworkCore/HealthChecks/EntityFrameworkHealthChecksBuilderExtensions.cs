using Credentials.EntityFrameworkCore.HealthChecks;
using Microsoft.EntityFrameworkCore;

// Beside AddHealthChecks(), so a host chains it without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The health check of the Entity Framework Core stores.</summary>
public static class EntityFrameworkHealthChecksBuilderExtensions
{
    /// <summary>The default name of <see cref="AddCredentialsEntityFrameworkStores{TContext}(IHealthChecksBuilder)"/>' check.</summary>
    public const string StoresCheckName = "credentials_entity_framework_stores";

    /// <summary>
    /// Checks that the database of <typeparamref name="TContext"/> answers and holds the Credentials tables (API keys,
    /// web tokens, signing keys, sessions and their refresh tokens): Unhealthy otherwise, naming the missing table.
    /// </summary>
    /// <typeparam name="TContext">The context passed to <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>.</typeparam>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCredentialsEntityFrameworkStores<TContext>(this IHealthChecksBuilder builder)
        where TContext : DbContext =>
        builder.AddCredentialsEntityFrameworkStores<TContext>(StoresCheckName, []);

    /// <summary>As <see cref="AddCredentialsEntityFrameworkStores{TContext}(IHealthChecksBuilder)"/>, under a name and with tags of the host's choosing.</summary>
    /// <typeparam name="TContext">The context passed to <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>.</typeparam>
    /// <param name="builder">The builder <c>AddHealthChecks()</c> returned.</param>
    /// <param name="name">The check's name in reports.</param>
    /// <param name="tags">Tags to filter checks by (<c>ready</c>, ...).</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCredentialsEntityFrameworkStores<TContext>(this IHealthChecksBuilder builder, string name, IEnumerable<string> tags)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tags);
        return builder.AddCheck<EntityFrameworkStoresHealthCheck<TContext>>(name, failureStatus: null, tags);
    }
}
