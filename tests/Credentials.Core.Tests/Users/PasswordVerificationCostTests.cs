using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Credentials.Secrets;
using Credentials.Users;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Core.Tests.Users;

/// <summary>
/// A wrong password for a known user must cost what an unknown user costs (0.5 to 2 times), whatever the format and
/// iteration count of the stored hash, so the answer time does not tell which users exist. Counted in KDF work
/// (<see cref="PasswordKdf.WorkOnThisThread"/>), not timed: the in-memory authenticator answers synchronously.
/// </summary>
public class PasswordVerificationCostTests
{
    private const string Password = "s3cret passphrase";
    private const string WrongPassword = "not the passphrase";

    private static readonly Dictionary<string, string> StoredHashByUsername = new(StringComparer.Ordinal)
    {
        ["identity-v2"] = Encode([0x00, .. RandomNumberGenerator.GetBytes(16 + 32)]),
        ["identity-v3-sha256-10000"] = IdentityV3(prf: 1, iterations: 10_000),
        ["identity-v3-sha256-100000"] = IdentityV3(prf: 1, iterations: 100_000),
        ["identity-v3-sha512-100000"] = IdentityV3(prf: 2, iterations: 100_000),
        ["own-minimum-100000"] = Own(PasswordHashingOptions.MinimumIterations),
        ["own-default-600000"] = Own(PasswordHashingOptions.DefaultIterations),
        ["own-twice-default-1200000"] = Own(2 * PasswordHashingOptions.DefaultIterations),
        ["malformed"] = "$credentials-pbkdf2-sha256$v=1$i=600000$not base64$",
    };

    private static readonly Lazy<InMemoryUserAuthenticator> DefaultCostUsers = new(() =>
    {
        var authenticator = Create(PasswordHashingOptions.DefaultIterations);
        foreach (var (username, hash) in StoredHashByUsername)
        {
            authenticator.AddUserWithPasswordHash(new AuthenticatedUser { Id = username, Username = username }, hash);
        }

        return authenticator;
    });

    public static TheoryData<string> KnownUsernames() => [.. StoredHashByUsername.Keys];

    [Theory]
    [MemberData(nameof(KnownUsernames))]
    public async Task AuthenticateAsync_WrongPasswordForAnyStoredHash_CostsHalfToTwiceAnUnknownUser(string username)
    {
        var authenticator = DefaultCostUsers.Value;

        var unknown = await WorkOf(authenticator, "nobody", WrongPassword);
        var known = await WorkOf(authenticator, username, WrongPassword);

        unknown.Should().Be(PasswordHashingOptions.DefaultIterations);
        known.Should().BeInRange(unknown / 2, unknown * 2);
    }

    [Fact]
    public async Task AuthenticateAsync_StoredCostAboveTwiceTheConfigured_RefusedAtTheConfiguredCost()
    {
        var authenticator = Create(1000);
        authenticator.AddUserWithPasswordHash(new AuthenticatedUser { Id = "1", Username = "alice" }, Pbkdf2PasswordHasherTests.CreateHasher(5000).Hash(Password));

        var unknown = await WorkOf(authenticator, "nobody", Password);
        var known = await WorkOf(authenticator, "alice", Password);

        known.Should().Be(unknown, "a hash dearer than twice the configured cost is refused, so it cannot stretch the answer");
    }

    private static InMemoryUserAuthenticator Create(int iterations) => new(
        Pbkdf2PasswordHasherTests.CreateHasher(iterations),
        new PasswordHashingOptions { Iterations = iterations },
        NullLogger.Instance);

    private static async Task<long> WorkOf(IUserAuthenticator authenticator, string username, string password)
    {
        var start = PasswordKdf.WorkOnThisThread;
        var result = await authenticator.AuthenticateAsync(username, password, CancellationToken.None);
        var work = PasswordKdf.WorkOnThisThread - start;
        result.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
        return work;
    }

    private static string Own(int iterations) => string.Join(
        '$',
        string.Empty,
        Pbkdf2PasswordHasher.FormatMarker,
        "v=1",
        "i=" + iterations.ToString(CultureInfo.InvariantCulture),
        Encode(RandomNumberGenerator.GetBytes(16)),
        Encode(RandomNumberGenerator.GetBytes(32)));

    private static string IdentityV3(uint prf, uint iterations)
    {
        var header = new byte[13];
        header[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), prf);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(5), iterations);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(9), 16);
        return Encode([.. header, .. RandomNumberGenerator.GetBytes(16 + 32)]);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes);
}
