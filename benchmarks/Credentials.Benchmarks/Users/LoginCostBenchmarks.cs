using BenchmarkDotNet.Attributes;
using Credentials.Secrets;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.Benchmarks.Users;

/// <summary>
/// A wrong password for users whose stored hashes differ in format and cost, against an unknown user (the baseline):
/// every row should cost about the same, so the answer time does not tell which users exist. Configured at the
/// minimum 100,000 iterations to keep the run short; the levelling is relative to whatever is configured.
/// </summary>
[MemoryDiagnoser]
public class LoginCostBenchmarks
{
    private const string Password = "correct horse battery staple";
    private const string WrongPassword = "not the password";
    private const int Iterations = PasswordHashingOptions.MinimumIterations;

    private InMemoryUserAuthenticator _authenticator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new PasswordHashingOptions { Iterations = Iterations };
        _authenticator = new InMemoryUserAuthenticator(new Pbkdf2PasswordHasher(options, CryptoSecretRandom.Instance), options, NullLogger.Instance);
        var identityV2 = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        var identityV3 = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        Add("identity-v2", identityV2.HashPassword(new object(), Password));
        Add("identity-v3", identityV3.HashPassword(new object(), Password));
        Add("current", new Pbkdf2PasswordHasher(options, CryptoSecretRandom.Instance).Hash(Password));
        Add("twice-current", new Pbkdf2PasswordHasher(new PasswordHashingOptions { Iterations = 2 * Iterations }, CryptoSecretRandom.Instance).Hash(Password));
    }

    [Benchmark(Baseline = true)]
    public ValueTask<UserAuthenticationResult> UnknownUser() => Login("nobody");

    /// <summary>ASP.NET Core Identity V2: PBKDF2-HMAC-SHA1, 1,000 iterations.</summary>
    [Benchmark]
    public ValueTask<UserAuthenticationResult> WrongPasswordIdentityV2() => Login("identity-v2");

    /// <summary>ASP.NET Core Identity V3 with <c>IterationCount = 10000</c>: PBKDF2-HMAC-SHA512.</summary>
    [Benchmark]
    public ValueTask<UserAuthenticationResult> WrongPasswordIdentityV3() => Login("identity-v3");

    /// <summary>Our format at the configured iteration count.</summary>
    [Benchmark]
    public ValueTask<UserAuthenticationResult> WrongPasswordCurrent() => Login("current");

    /// <summary>Our format at twice the configured count: the dearest hash still accepted.</summary>
    [Benchmark]
    public ValueTask<UserAuthenticationResult> WrongPasswordTwiceCurrent() => Login("twice-current");

    private ValueTask<UserAuthenticationResult> Login(string username) =>
        _authenticator.AuthenticateAsync(username, WrongPassword, CancellationToken.None);

    private void Add(string username, string hash) =>
        _authenticator.AddUserWithPasswordHash(new AuthenticatedUser { Id = username, Username = username }, hash);
}
