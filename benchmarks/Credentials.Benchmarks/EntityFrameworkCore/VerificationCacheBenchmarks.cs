using BenchmarkDotNet.Attributes;
using Credentials.ApiKeys;
using Credentials.Testing;
using Credentials.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Credentials.Benchmarks.EntityFrameworkCore;

/// <summary>
/// An API key verification hit answered by the verification cache with the EF Core store on a throwaway PostgreSQL
/// behind it, against the same hit on the in-memory store with no cache (the baseline; the bar is at most
/// 1.2x). The uncached PostgreSQL verification (one query) is shown beside them for scale. Every row runs the whole
/// verifier: shape, hash, lookup, judgement, the owner ceiling (an in-memory directory) and the last-used throttle.
/// </summary>
[MemoryDiagnoser]
public class VerificationCacheBenchmarks
{
    private ThrowawayPostgres? _server;
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private IApiKeyService _service = null!;
    private string _key = null!;

    [GlobalSetup(Target = nameof(InMemoryHit))]
    public Task SetupInMemoryAsync() => SetupAsync(postgres: false, TimeSpan.Zero);

    [GlobalSetup(Target = nameof(PostgresCachedHit))]
    public Task SetupPostgresCachedAsync() => SetupAsync(postgres: true, TimeSpan.FromMinutes(5));

    [GlobalSetup(Target = nameof(PostgresUncached))]
    public Task SetupPostgresUncachedAsync() => SetupAsync(postgres: true, TimeSpan.Zero);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _server.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "in-memory store, no cache: hit")]
    public ValueTask<ApiKeyVerificationResult> InMemoryHit() => _service.VerifyAsync(_key, CancellationToken.None);

    [Benchmark(Description = "EF Core on PostgreSQL + verification cache: hit")]
    public ValueTask<ApiKeyVerificationResult> PostgresCachedHit() => _service.VerifyAsync(_key, CancellationToken.None);

    [Benchmark(Description = "EF Core on PostgreSQL, no cache (one query)")]
    public ValueTask<ApiKeyVerificationResult> PostgresUncached() => _service.VerifyAsync(_key, CancellationToken.None);

    private async Task SetupAsync(bool postgres, TimeSpan cacheDuration)
    {
        var services = new ServiceCollection();
        var credentials = services.AddCredentials(o => o.ApiKeys.VerificationCacheDuration = cacheDuration);
        if (postgres)
        {
            _server = await ThrowawayPostgres.StartAsync();
            var connectionString = _server.ConnectionString();
            services.AddDbContextPool<BenchmarkDbContext>(options => options.UseNpgsql(connectionString));
            credentials.AddEntityFrameworkStores<BenchmarkDbContext>();
        }

        _services = services.BuildServiceProvider();
        if (postgres)
        {
            await using var setupScope = _services.CreateAsyncScope();
            await setupScope.ServiceProvider.GetRequiredService<BenchmarkDbContext>().Database.EnsureCreatedAsync();
        }

        _services.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "owner", Username = "owner", Permissions = [ApiKeyPermissions.Create, "read"] }, "unused");
        _scope = _services.CreateAsyncScope();
        _service = _scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        var creator = ApiKeyActor.User("owner", [ApiKeyPermissions.Create, "read"]);
        var created = await _service.CreateAsync(new ApiKeyCreateRequest { Name = "probe", Permissions = ["read"] }, creator, CancellationToken.None);
        _key = created.PlainKey!;
        if (!(await _service.VerifyAsync(_key, CancellationToken.None)).Succeeded)
        {
            throw new InvalidOperationException("The benchmark setup is broken: the issued key does not verify.");
        }
    }
}
