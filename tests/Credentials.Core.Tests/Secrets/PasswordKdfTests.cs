using System.Security.Cryptography;
using System.Text;
using Credentials.Secrets;

namespace Credentials.Core.Tests.Secrets;

public class PasswordKdfTests
{
    [Theory]
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256 test vectors, dkLen 64.
    [InlineData("passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")]
    [InlineData("Password", "NaCl", 80000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")]
    public void Derive_Rfc7914Vectors_MatchPublishedOutput(string password, string salt, int iterations, string expectedHex)
    {
        var output = new byte[64];

        PasswordKdf.Derive(password, Encoding.ASCII.GetBytes(salt), iterations, HashAlgorithmName.SHA256, output);

        Convert.ToHexString(output).Should().BeEquivalentTo(expectedHex);
    }

    [Fact]
    public void Derive_NonAsciiPassword_HashesUtf8Bytes()
    {
        var password = "pässwörd \U0001F511";
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), "salt"u8.ToArray(), 10, HashAlgorithmName.SHA256, 32);
        var output = new byte[32];

        PasswordKdf.Derive(password, "salt"u8, 10, HashAlgorithmName.SHA256, output);

        output.Should().Equal(expected);
    }

    [Fact]
    public void Derive_LoneSurrogate_Throws()
    {
        var act = () => PasswordKdf.Derive("a\uD800b", "salt"u8, 1, HashAlgorithmName.SHA256, new byte[32]);

        act.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("a\uD800b");
    }

    [Fact]
    public void Matches_RightPassword_True()
    {
        var subkey = new byte[32];
        PasswordKdf.Derive("secret", "salt"u8, 3, HashAlgorithmName.SHA256, subkey);

        PasswordKdf.Matches("secret", "salt"u8, 3, HashAlgorithmName.SHA256, subkey, long.MaxValue).Should().BeTrue();
    }

    [Theory]
    [InlineData("Secret", "salt", 3)]
    [InlineData("secret", "Salt", 3)]
    [InlineData("secret", "salt", 4)]
    public void Matches_AnyInputDifferent_False(string password, string salt, int iterations)
    {
        var subkey = new byte[32];
        PasswordKdf.Derive("secret", "salt"u8, 3, HashAlgorithmName.SHA256, subkey);

        PasswordKdf.Matches(password, Encoding.ASCII.GetBytes(salt), iterations, HashAlgorithmName.SHA256, subkey, long.MaxValue).Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PasswordKdf.MaxSubkeyBytes + 1)]
    public void Matches_SubkeyEmptyOrTooLong_False(int length)
    {
        PasswordKdf.Matches("secret", "salt"u8, 1, HashAlgorithmName.SHA256, new byte[length], long.MaxValue).Should().BeFalse();
    }

    [Fact]
    public void Matches_CostAboveMax_FalseWithoutDeriving()
    {
        var subkey = new byte[32];
        PasswordKdf.Derive("secret", "salt"u8, 3, HashAlgorithmName.SHA256, subkey);
        var start = PasswordKdf.WorkOnThisThread;

        PasswordKdf.Matches("secret", "salt"u8, 3, HashAlgorithmName.SHA256, subkey, maxCost: 2).Should().BeFalse();

        PasswordKdf.WorkOnThisThread.Should().Be(start);
    }

    [Theory]
    [InlineData("SHA1", 20, 1000)]
    [InlineData("SHA1", 32, 2000)]
    [InlineData("SHA1", 64, 4000)]
    [InlineData("SHA256", 32, 1000)]
    [InlineData("SHA256", 33, 2000)]
    [InlineData("SHA512", 32, 3000)]
    [InlineData("SHA512", 64, 3000)]
    public void Cost_PrfAndOutputLength_IterationsTimesBlocksTimesWeight(string prf, int outputBytes, long expected)
    {
        PasswordKdf.Cost(1000, new HashAlgorithmName(prf), outputBytes).Should().Be(expected);
    }

    [Fact]
    public void Cost_IntMaxIterationsOfSha1At64Bytes_DoesNotOverflow()
    {
        PasswordKdf.Cost(int.MaxValue, HashAlgorithmName.SHA1, PasswordKdf.MaxSubkeyBytes).Should().Be(4L * int.MaxValue);
    }

    [Fact]
    public void Derive_AnyPrf_AddsItsCostToThisThreadsWork()
    {
        var start = PasswordKdf.WorkOnThisThread;

        PasswordKdf.Derive("secret", "salt"u8, 10, HashAlgorithmName.SHA1, new byte[32]);
        PasswordKdf.Derive("secret", "salt"u8, 10, HashAlgorithmName.SHA512, new byte[32]);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(20 + 30);
    }
}
