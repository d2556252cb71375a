using Credentials;
using Credentials.Invalidation;
using Credentials.Npgsql;
using Credentials.Npgsql.Invalidation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

// Beside AddCredentials(), so a host chains it without another using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the invalidation channel over PostgreSQL <c>LISTEN/NOTIFY</c>.</summary>
public static class NpgsqlCredentialsBuilderExtensions
{
    /// <summary>
    /// Tells every instance of a credential change over PostgreSQL <c>LISTEN/NOTIFY</c>, replacing the invalidation
    /// channel registered before (the in-process default, or Redis pub/sub from an earlier <c>AddRedis</c>): the last
    /// call wins. The channel holds one connection of its own for listening, reconnecting with backoff when it drops,
    /// and sends with <c>pg_notify</c>. The package opens a data source from the connection string and closes it with
    /// the container.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string (the database the stores use will do).</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddPostgreSqlInvalidation(this ICredentialsBuilder builder, string connectionString) =>
        builder.AddPostgreSqlInvalidation(connectionString, static _ => { });

    /// <inheritdoc cref="AddPostgreSqlInvalidation(ICredentialsBuilder, string)" />
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string (the database the stores use will do).</param>
    /// <param name="configure">Sets the channel name.</param>
    public static ICredentialsBuilder AddPostgreSqlInvalidation(
        this ICredentialsBuilder builder, string connectionString, Action<PostgreSqlInvalidationOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // Parsed now, so a malformed string stops the host at registration rather than in the background loop.
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        return builder.AddPostgreSqlInvalidation(_ => NpgsqlDataSource.Create(connectionString), ownsDataSource: true, configure);
    }

    /// <summary>
    /// Tells every instance of a credential change over PostgreSQL <c>LISTEN/NOTIFY</c> through a data source the host
    /// already has (<c>sp =&gt; sp.GetRequiredService&lt;NpgsqlDataSource&gt;()</c>), replacing the invalidation
    /// channel registered before. The listener keeps one of the data source's connections for as long as the container
    /// lives; the host keeps owning the data source. A multiplexing data source cannot listen: give it a plain one.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="dataSource">Returns the host's data source; called once, when the channel is first resolved.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddPostgreSqlInvalidation(this ICredentialsBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource) =>
        builder.AddPostgreSqlInvalidation(dataSource, static _ => { });

    /// <inheritdoc cref="AddPostgreSqlInvalidation(ICredentialsBuilder, Func{IServiceProvider, NpgsqlDataSource})" />
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="dataSource">Returns the host's data source; called once, when the channel is first resolved.</param>
    /// <param name="configure">Sets the channel name.</param>
    public static ICredentialsBuilder AddPostgreSqlInvalidation(
        this ICredentialsBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<PostgreSqlInvalidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.AddPostgreSqlInvalidation(dataSource, ownsDataSource: false, configure);
    }

    private static ICredentialsBuilder AddPostgreSqlInvalidation(
        this ICredentialsBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, bool ownsDataSource, Action<PostgreSqlInvalidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgreSqlInvalidationOptions>()
            .Configure(configure)
            .Validate(o => PostgreSqlInvalidationOptions.IsValidChannelName(o.ChannelName),
                "PostgreSqlInvalidationOptions.ChannelName must be lowercase ASCII letters, digits and underscores, start with a letter " +
                $"or underscore, and be at most {PostgreSqlInvalidationOptions.MaximumChannelNameLength} characters.")
            .ValidateOnStart();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICredentialInvalidationChannel>(provider => new PostgreSqlInvalidationChannel(
            dataSource(provider),
            ownsDataSource,
            provider.GetRequiredService<IOptions<PostgreSqlInvalidationOptions>>().Value.ChannelName,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<PostgreSqlInvalidationChannel>>() ?? NullLogger<PostgreSqlInvalidationChannel>.Instance)));
        return builder;
    }
}
