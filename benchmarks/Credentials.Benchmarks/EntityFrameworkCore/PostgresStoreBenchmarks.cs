using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.Testing;
using Credentials.WebTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Credentials.Benchmarks.EntityFrameworkCore;

/// <summary>
/// The EF Core stores' hot paths on a throwaway PostgreSQL on loopback, with 1,000 and 100,000 stored keys and
/// tokens: the cost must stay flat as the tables grow (indexed lookups). The baseline is the same lookup as one
/// hand-written Npgsql command, so the Ratio column is what EF Core and the store add over the raw driver.
/// </summary>
[MemoryDiagnoser]
public class PostgresStoreBenchmarks
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ThrowawayPostgres _server = null!;
    private ServiceProvider _services = null!;
    private NpgsqlDataSource _raw = null!;
    private IApiKeyStore _keys = null!;
    private IWebTokenStore _tokens = null!;
    private SecretHash _hit;
    private SecretHash _miss;
    private byte[] _hitBytes = null!;
    private SecretHash _tokenHit;
    private WebToken[] _rotation = null!;
    private int _turn;

    [Params(1_000, 100_000)]
    public int Stored { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        var connectionString = _server.ConnectionString();
        var services = new ServiceCollection();
        services.AddDbContextPool<BenchmarkDbContext>(options => options.UseNpgsql(connectionString));
        services.AddCredentials().AddEntityFrameworkStores<BenchmarkDbContext>();
        _services = services.BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<BenchmarkDbContext>();
            await context.Database.EnsureCreatedAsync();

            // Rows made in the server: key i has hash sha256("key-i"), subject-i's token has hash sha256("token-i").
            await context.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO credentials_api_keys (uuid, name, prefix, owner_id, is_active, permissions, created_at, hash)
                SELECT gen_random_uuid(), 'key ' || i, 'cc_bench_', 'owner-' || (i % 1000), true, '[]', 0, sha256(convert_to('key-' || i, 'UTF8'))
                FROM generate_series(1, {0}) AS i;
                INSERT INTO credentials_web_tokens (subject, hash, issued_at, expires_at)
                SELECT 'subject-' || i, sha256(convert_to('token-' || i, 'UTF8')), 0, 0 FROM generate_series(1, {0}) AS i;
                ANALYZE;
                """,
                Stored);
        }

        _keys = _services.GetRequiredService<IApiKeyStore>();
        _tokens = _services.GetRequiredService<IWebTokenStore>();
        _hit = Hash($"key-{Stored / 2}");
        _hitBytes = _hit.ToArray();
        _miss = Hash("no-such-key");
        _tokenHit = Hash($"token-{Stored / 2}");
        _raw = NpgsqlDataSource.Create(connectionString);
        _rotation = [Token("rotate-a"), Token("rotate-b")];
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _raw.DisposeAsync();
        await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "raw Npgsql: key by hash")]
    public async Task<string?> RawNpgsqlFindByHash()
    {
        await using var command = _raw.CreateCommand(
            "SELECT id, uuid, name, owner_id, hash FROM credentials_api_keys WHERE hash = $1 OR previous_hash = $1 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = _hitBytes });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetString(2) : null;
    }

    [Benchmark(Description = "ApiKeys.FindByHash hit")]
    public async Task<ApiKey?> FindByHashHit() => await _keys.FindByHashAsync(_hit, default);

    [Benchmark(Description = "ApiKeys.FindByHash miss")]
    public async Task<ApiKey?> FindByHashMiss() => await _keys.FindByHashAsync(_miss, default);

    [Benchmark(Description = "WebTokens.FindByHash hit")]
    public async Task<WebToken?> WebTokenFindByHash() => await _tokens.FindByHashAsync(_tokenHit, default);

    [Benchmark(Description = "WebTokens.Replace (rotate)")]
    public async Task WebTokenRotate() => await _tokens.ReplaceAsync(_rotation[_turn++ & 1], default);

    private static SecretHash Hash(string text) => SecretHash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static WebToken Token(string seed) =>
        new() { Subject = "subject-rotated", Hash = Hash(seed), IssuedAt = IssuedAt, ExpiresAt = IssuedAt.AddHours(1) };
}

/// <summary>The benchmark's host context.</summary>
public sealed class BenchmarkDbContext(DbContextOptions<BenchmarkDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
