using System.Security.Cryptography;

namespace Credentials.Argon2.Tests;

public class Argon2idKdfTests
{
    // libsodium's own Argon2id test vectors (test/default/pwhash_argon2id.c, tv3, entry 2, which its expected output
    // pwhash_argon2id.exp lists as verifying): the empty password, m=4882 KiB, t=2, p=1, a 16-byte salt, 32 bytes out.
    // RFC 9106's Argon2id vector needs four lanes, a secret and associated data, none of which NSec offers.
    private const string LibsodiumSalt = "bA81arsiXysd3WbTRzmEOw==";
    private const string LibsodiumSubkey = "Nm8QBM+7RH1DXo9rvp5cwKEOOOfD2g6JuxlXihoNcpE=";

    [Fact]
    public void Derive_LibsodiumVector_MatchesPublishedOutput()
    {
        var output = new byte[32];

        Argon2idKdf.Derive([], Convert.FromBase64String(LibsodiumSalt), memorySizeKiB: 4882, iterations: 2, output);

        Convert.ToBase64String(output).Should().Be(LibsodiumSubkey);
    }

    [Theory]
    [InlineData(4881, 2)]
    [InlineData(4882, 1)]
    [InlineData(4882, 3)]
    public void Matches_OtherParameters_False(long memorySizeKiB, long iterations)
    {
        Argon2idKdf.Matches([], Convert.FromBase64String(LibsodiumSalt), memorySizeKiB, iterations, Convert.FromBase64String(LibsodiumSubkey))
            .Should().BeFalse();
    }

    [Fact]
    public void Derive_Work_CountsMemoryTimesPasses()
    {
        var start = Argon2idKdf.WorkOnThisThread;

        Argon2idKdf.Derive("x"u8, RandomNumberGenerator.GetBytes(16), memorySizeKiB: 64, iterations: 3, new byte[32]);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(64 * 3);
    }
}
