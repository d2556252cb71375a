using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Credentials.Benchmarks.Jwt;

/// <summary>Validating a token already validated (served from the cache) against SHA-256 of the token alone.</summary>
[MemoryDiagnoser]
public class JwtCacheBenchmarks
{
    private JwtBenchmarkSetup _setup = null!;

    [Params("ES256")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        _setup = new JwtBenchmarkSetup(Algorithm, cacheSize: 10_000);
        _setup.Validator.Validate(_setup.Token);
    }

    [Benchmark(Baseline = true)]
    public byte Sha256OfToken()
    {
        Span<byte> utf8 = stackalloc byte[1024];
        Span<byte> digest = stackalloc byte[32];
        var count = Encoding.UTF8.GetBytes(_setup.Token, utf8);
        SHA256.HashData(utf8[..count], digest);
        return digest[0];
    }

    [Benchmark]
    public bool Validate_Cached() => _setup.Validator.Validate(_setup.Token).Succeeded;
}
