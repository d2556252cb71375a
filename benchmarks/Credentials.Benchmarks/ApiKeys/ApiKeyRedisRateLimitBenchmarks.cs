using BenchmarkDotNet.Attributes;
using Credentials.ApiKeys;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Credentials.Benchmarks.ApiKeys;

/// <summary>
/// What counting rate limits in Redis costs: one acquisition (one Lua script: GET, INCR, PEXPIRE on a new window) and a
/// whole verification of a key with a rate limit counted in Redis, beside a plain <c>INCR</c> on the same multiplexer,
/// the least round trip Redis offers. A throwaway <c>redis-server</c> on a free loopback port runs for the benchmark.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyRedisRateLimitBenchmarks
{
    private static readonly ApiKeyRateLimit[] Limits = [new() { Name = "default", Limit = int.MaxValue, Window = TimeSpan.FromDays(1) }];

    private ThrowawayRedis _redis = null!;
    private ConnectionMultiplexer _multiplexer = null!;
    private ServiceProvider _provider = null!;
    private IDatabase _database = null!;
    private IApiKeyRateLimitCounter _counter = null!;
    private IApiKeyService _service = null!;
    private Guid _uuid;
    private string _limited = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _redis = await ThrowawayRedis.StartAsync(Console.WriteLine);
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        _database = _multiplexer.GetDatabase();
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => _multiplexer, options => options.KeyPrefix = "bench:");
        _provider = services.BuildServiceProvider();
        _counter = _provider.GetRequiredService<IApiKeyRateLimitCounter>();
        _service = _provider.GetRequiredService<IApiKeyService>();
        _provider.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "owner", Username = "owner", Permissions = [ApiKeyPermissions.Create, "read"] }, "unused");
        var created = await _service.CreateAsync(
            new ApiKeyCreateRequest { Name = "limited", Permissions = ["read"], RateLimits = Limits },
            ApiKeyActor.User("owner", [ApiKeyPermissions.Create, "read"]),
            CancellationToken.None);
        _uuid = created.Key!.Uuid;
        _limited = created.PlainKey!;
        if (!(await _counter.AcquireAsync(_uuid, Limits, CancellationToken.None)).Admitted || !(await VerifyLimited()).Succeeded)
        {
            throw new InvalidOperationException("The benchmark setup is broken: the Redis counter does not admit.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _provider.DisposeAsync();
        await _multiplexer.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Redis INCR (one round trip)")]
    public Task<long> Increment() => _database.StringIncrementAsync("bench:incr");

    [Benchmark(Description = "Rate-limit acquisition on Redis (one script)")]
    public ValueTask<ApiKeyRateLimitDecision> Acquire() => _counter.AcquireAsync(_uuid, Limits, CancellationToken.None);

    [Benchmark(Description = "VerifyAsync: rate limit counted on Redis")]
    public Task<ApiKeyVerificationResult> VerifyLimited() => _service.VerifyAsync(_limited, CancellationToken.None).AsTask();
}
