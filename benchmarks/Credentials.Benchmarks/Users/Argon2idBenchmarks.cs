using BenchmarkDotNet.Attributes;
using Credentials.Argon2;
using Credentials.Secrets;
using Credentials.Users;

namespace Credentials.Benchmarks.Users;

/// <summary>
/// Argon2id at OWASP's first configuration (19 MiB, two passes, one lane) beside PBKDF2-HMAC-SHA256 at OWASP's
/// 600,000 iterations (the baseline), both through the library's hashers; and what a user still on PBKDF2 costs the
/// Argon2id hasher (the PBKDF2 hash's own work plus the Argon2id work every verification spends).
/// </summary>
[MemoryDiagnoser]
public class Argon2idBenchmarks
{
    private const string Password = "correct horse battery staple";

    private readonly Pbkdf2PasswordHasher _pbkdf2 = new(new PasswordHashingOptions(), CryptoSecretRandom.Instance);
    private readonly Argon2idPasswordHasher _argon2id = new(new Argon2idPasswordOptions(), new PasswordHashingOptions());
    private string _pbkdf2Hash = string.Empty;
    private string _argon2idHash = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _pbkdf2Hash = _pbkdf2.Hash(Password);
        _argon2idHash = _argon2id.Hash(Password);
    }

    [Benchmark(Baseline = true)]
    public PasswordVerification Pbkdf2Verify() => _pbkdf2.Verify(_pbkdf2Hash, Password);

    [Benchmark]
    public PasswordVerification Argon2idVerify() => _argon2id.Verify(_argon2idHash, Password);

    [Benchmark]
    public string Argon2idHash() => _argon2id.Hash(Password);

    /// <summary>A user not yet migrated: the Argon2id hasher verifying a PBKDF2 hash at 600,000 iterations.</summary>
    [Benchmark]
    public PasswordVerification Argon2idVerifyPbkdf2Hash() => _argon2id.Verify(_pbkdf2Hash, Password);
}
