using BenchmarkDotNet.Attributes;
using Credentials;
using Credentials.ApiKeys;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Benchmarks.ApiKeys;

/// <summary>
/// What metering adds to a verification, in memory: a key with a rate limit and usage credits (one counter
/// acquire and one atomic spend in the store) beside the same verification of a key with neither. Limit and credits
/// are large enough never to refuse during a run, so every call does the full work of an admitted request.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyMeteringBenchmarks
{
    private ServiceProvider _provider = null!;
    private IApiKeyService _service = null!;
    private string _plain = null!;
    private string _metered = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddCredentials();
        _provider = services.BuildServiceProvider();
        _service = _provider.GetRequiredService<IApiKeyService>();
        _provider.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "owner", Username = "owner", Permissions = [ApiKeyPermissions.Create, "read"] }, "unused");
        var creator = ApiKeyActor.User("owner", [ApiKeyPermissions.Create, "read"]);
        _plain = Create(new ApiKeyCreateRequest { Name = "plain", Permissions = ["read"] }, creator);
        _metered = Create(
            new ApiKeyCreateRequest
            {
                Name = "metered",
                Permissions = ["read"],
                RateLimits = [new ApiKeyRateLimit { Limit = int.MaxValue, Window = TimeSpan.FromDays(1) }],
                Credits = new ApiKeyCredits { Remaining = long.MaxValue },
            },
            creator);
        if (!VerifyPlain().Succeeded || !VerifyMetered().Succeeded)
        {
            throw new InvalidOperationException("The benchmark setup is broken: a key does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "VerifyAsync: no limits, no credits")]
    public ApiKeyVerificationResult VerifyPlain() => _service.VerifyAsync(_plain, CancellationToken.None).Result;

    [Benchmark(Description = "VerifyAsync: rate limit + credits")]
    public ApiKeyVerificationResult VerifyMetered() => _service.VerifyAsync(_metered, CancellationToken.None).Result;

    private string Create(ApiKeyCreateRequest request, ApiKeyActor creator) =>
        _service.CreateAsync(request, creator, CancellationToken.None).AsTask().GetAwaiter().GetResult().PlainKey!;
}
