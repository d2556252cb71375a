namespace Credentials.HttpBenchmarks.Host;

/// <summary>
/// What run.sh passes, from the command line (<c>--Benchmark:Store postgres</c>) or the environment
/// (<c>Benchmark__Store=postgres</c>).
/// </summary>
internal sealed class BenchmarkSettings
{
    /// <summary>The store variant, a name in <see cref="StoreVariants"/>.</summary>
    public string Store { get; set; } = "memory";

    /// <summary>The PostgreSQL server, without a database (each variant makes its own): <c>Host=…;Port=…;Username=…</c>.</summary>
    public string? Postgres { get; set; }

    /// <summary>The Redis server, a StackExchange.Redis configuration string.</summary>
    public string? Redis { get; set; }

    /// <summary>Where the seeded credentials are written (owner-only); outside the repository.</summary>
    public string? CredentialsFile { get; set; }
}
