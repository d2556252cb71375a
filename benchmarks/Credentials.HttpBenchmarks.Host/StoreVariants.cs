using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Credentials.HttpBenchmarks.Host;

/// <summary>
/// The stores a host can run on, by name: each variant is one function that configures the services, so a new one
/// is one line here and one name in run.sh.
/// </summary>
internal static class StoreVariants
{
    // Npgsql's own settings, measured one at a time: keep the statements prepared on each physical connection, and
    // skip the reset (DISCARD ALL, or its prepared-statement-keeping equivalent) when a connection returns to the pool.
    private const string AutoPrepare = "Max Auto Prepare=20";
    private const string NoResetOnClose = "No Reset On Close=true";

    public static IReadOnlyDictionary<string, Action<ICredentialsBuilder, BenchmarkSettings>> All { get; } =
        new Dictionary<string, Action<ICredentialsBuilder, BenchmarkSettings>>(StringComparer.Ordinal)
        {
            // AddCredentials() registers the in-memory stores; nothing to add.
            ["memory"] = static (_, _) => { },
            ["postgres"] = static (credentials, settings) => UsePostgres(credentials, settings, "credentials_http_postgres", []),
            ["postgres-prepared"] = static (credentials, settings) =>
                UsePostgres(credentials, settings, "credentials_http_postgres_prepared", [AutoPrepare]),
            ["postgres-tuned"] = static (credentials, settings) =>
                UsePostgres(credentials, settings, "credentials_http_postgres_tuned", [AutoPrepare, NoResetOnClose]),
            // The tuned store behind the verification cache: a cached key costs no query, a web token one (its own).
            ["postgres-cached"] = static (credentials, settings) =>
            {
                UsePostgres(credentials, settings, "credentials_http_postgres_cached", [AutoPrepare, NoResetOnClose]);
                UseVerificationCache(credentials);
            },
            // Web tokens on Redis; API keys stay in memory (the Redis package stores no keys).
            ["redis"] = static (credentials, settings) => credentials.AddRedis(Required(settings.Redis, "Benchmark:Redis")),
            // The many-instance deployment: API keys on PostgreSQL (tuned) behind the cache, web tokens on Redis, whose
            // AddRedis comes last so its web-token store replaces the EF Core one.
            ["redis-cached"] = static (credentials, settings) =>
            {
                UsePostgres(credentials, settings, "credentials_http_redis_cached", [AutoPrepare, NoResetOnClose]);
                UseVerificationCache(credentials);
                credentials.AddRedis(Required(settings.Redis, "Benchmark:Redis"));
            },
        };

    private static void UsePostgres(ICredentialsBuilder credentials, BenchmarkSettings settings, string database, string[] npgsqlSettings)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(string.Join(';', [Required(settings.Postgres, "Benchmark:Postgres"), .. npgsqlSettings]))
        {
            Database = database,
        }.ConnectionString;
        credentials.Services.AddDbContextPool<BenchmarkDbContext>(options => options.UseNpgsql(connectionString));
        credentials.AddEntityFrameworkStores<BenchmarkDbContext>();
    }

    // 30 s: the cache's duration does not change a hit's cost, only how long a record may serve without the store.
    private static void UseVerificationCache(ICredentialsBuilder credentials) =>
        credentials.Services.PostConfigure<CredentialsOptions>(options => options.ApiKeys.VerificationCacheDuration = TimeSpan.FromSeconds(30));

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"This store needs {key}.") : value;
}
