using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Credentials.Secrets;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
// Identity names its own enum the same; this file uses both libraries.

namespace Credentials.Benchmarks.Users;

/// <summary>
/// Password hashing at OWASP's 600,000 PBKDF2-HMAC-SHA256 iterations: our hash and verify beside the raw
/// <see cref="Rfc2898DeriveBytes.Pbkdf2(byte[], byte[], int, HashAlgorithmName, int)"/> they are built on, and ASP.NET
/// Core Identity's <c>PasswordHasher</c> at the same iteration count (its V3 format uses HMAC-SHA512).
/// </summary>
[MemoryDiagnoser]
public class PasswordHashingBenchmarks
{
    private const string Password = "correct horse battery staple";
    private static readonly byte[] PasswordBytes = Encoding.UTF8.GetBytes(Password);
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(16);

    private readonly Pbkdf2PasswordHasher _hasher = new(new PasswordHashingOptions(), CryptoSecretRandom.Instance);
    private readonly PasswordHasher<object> _identity = new(Options.Create(new PasswordHasherOptions { IterationCount = PasswordHashingOptions.DefaultIterations }));
    private readonly object _user = new();
    private string _hash = string.Empty;
    private string _identityHash = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _hash = _hasher.Hash(Password);
        _identityHash = _identity.HashPassword(_user, Password);
    }

    [Benchmark(Baseline = true)]
    public byte[] RawPbkdf2Sha256() => Rfc2898DeriveBytes.Pbkdf2(PasswordBytes, Salt, PasswordHashingOptions.DefaultIterations, HashAlgorithmName.SHA256, 32);

    [Benchmark]
    public string Hash() => _hasher.Hash(Password);

    [Benchmark]
    public PasswordVerification Verify() => _hasher.Verify(_hash, Password);

    [Benchmark]
    public string IdentityHash() => _identity.HashPassword(_user, Password);

    [Benchmark]
    public Microsoft.AspNetCore.Identity.PasswordVerificationResult IdentityVerify() => _identity.VerifyHashedPassword(_user, _identityHash, Password);
}
