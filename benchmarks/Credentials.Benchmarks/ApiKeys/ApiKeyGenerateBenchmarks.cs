using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Credentials.ApiKeys;
using Credentials.Secrets;

namespace Credentials.Benchmarks.ApiKeys;

/// <summary>
/// Drawing a new key and hashing it for storage (what a create adds to its one store write), beside the raw
/// primitives: <see cref="RandomNumberGenerator.GetString"/> over the base62 alphabet, then SHA-256.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyGenerateBenchmarks
{
    private readonly ApiKeyFormat _format = new(new ApiKeyOptions());
    private readonly SecretHasher _hasher = new(new SecretHashingOptions());

    [Benchmark(Baseline = true, Description = "RandomNumberGenerator.GetString + SHA-256 (raw)")]
    public SecretHash Baseline()
    {
        var secret = RandomNumberGenerator.GetString(SecretEncoding.Base62Alphabet, 43);
        Span<byte> digest = stackalloc byte[SecretHash.Length];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), digest);
        return SecretHash.FromBytes(digest);
    }

    [Benchmark(Description = "ApiKeyFormat.Render + SecretHasher.Hash")]
    public SecretHash Generate() => _hasher.Hash(_format.Render(CryptoSecretRandom.Instance));
}
