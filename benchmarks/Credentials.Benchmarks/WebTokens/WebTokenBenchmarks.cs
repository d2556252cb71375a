using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Benchmarks.WebTokens;

/// <summary>
/// The web token hot paths beside the raw work they are built on: SHA-256 of the token plus one dictionary lookup.
/// The store holds 10,000 subjects' tokens. The parallel benchmarks run validation on two threads at once
/// (both cores of the reference machine) and report the time per validation.
/// </summary>
[MemoryDiagnoser]
public class WebTokenBenchmarks
{
    private const int Subjects = 10_000;
    private const int PerThread = 10_000;

    private readonly Dictionary<SecretHash, string> _baseline = [];
    private ServiceProvider _provider = null!;
    private IWebTokenService _service = null!;
    private string _hit = null!;
    private string _miss = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddCredentials();
        _provider = services.BuildServiceProvider();
        _service = _provider.GetRequiredService<IWebTokenService>();
        for (var i = 0; i < Subjects; i++)
        {
            var issued = _service.IssueAsync($"subject-{i}", CancellationToken.None).AsTask().GetAwaiter().GetResult();
            _baseline[Sha256(issued.Token)] = $"subject-{i}";
            _hit = issued.Token;
        }

        _miss = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "baseline: SHA-256 + Dictionary lookup")]
    public string? Baseline() => _baseline.GetValueOrDefault(Sha256(_hit));

    [Benchmark(Description = "ValidateAsync (hit)")]
    public WebTokenValidationResult ValidateHit() => _service.ValidateAsync(_hit, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "ValidateAsync (miss, well-formed)")]
    public WebTokenValidationResult ValidateMiss() => _service.ValidateAsync(_miss, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "IssueAsync (replaces the subject's token)")]
    public IssuedWebToken Issue() => _service.IssueAsync("subject-42", CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = 2 * PerThread, Description = "baseline on 2 threads, per op")]
    public void BaselineParallel() => Parallel.For(0, 2, _ =>
    {
        for (var i = 0; i < PerThread; i++)
        {
            _baseline.GetValueOrDefault(Sha256(_hit));
        }
    });

    [Benchmark(OperationsPerInvoke = 2 * PerThread, Description = "ValidateAsync (hit) on 2 threads, per op")]
    public void ValidateHitParallel() => Parallel.For(0, 2, _ =>
    {
        for (var i = 0; i < PerThread; i++)
        {
            _service.ValidateAsync(_hit, CancellationToken.None).GetAwaiter().GetResult();
        }
    });

    private static SecretHash Sha256(string token)
    {
        Span<byte> utf8 = stackalloc byte[token.Length];
        Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> digest = stackalloc byte[SecretHash.Length];
        SHA256.HashData(utf8, digest);
        return SecretHash.FromBytes(digest);
    }
}
