using System.Text;
using Credentials.Secrets;

namespace Credentials.Core.Tests.Secrets;

public class SecretHasherTests
{
    [Fact]
    public void Hash_NoPepper_IsSha256()
    {
        using var hasher = new SecretHasher(new SecretHashingOptions());

        var hash = hasher.Hash("abc");

        // FIPS 180-2 Appendix B.1: SHA-256("abc").
        Convert.ToHexString(hash.ToArray()).Should().BeEquivalentTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        hasher.CurrentPepperId.Should().BeNull();
    }

    [Fact]
    public void Sha256_ShortAndLongerThanTheSecretLimit_IsSha256()
    {
        // FIPS 180-2 Appendix B.1: SHA-256("abc").
        Convert.ToHexString(SecretHasher.Sha256("abc").ToArray()).Should().BeEquivalentTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        var longText = new string('a', 5000);
        SecretHasher.Sha256(longText).ToArray().Should().Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(longText)));
    }

    [Fact]
    public void Hash_WithPepper_IsHmacSha256UnderThatPepper()
    {
        // RFC 4231 test case 6: a 131-byte key of 0xaa.
        var options = new SecretHashingOptions { CurrentPepperId = "p1" };
        options.Peppers["p1"] = Enumerable.Repeat((byte)0xaa, 131).ToArray();
        using var hasher = new SecretHasher(options);

        var hash = hasher.Hash("Test Using Larger Than Block-Size Key - Hash Key First");

        Convert.ToHexString(hash.ToArray()).Should().BeEquivalentTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    [Fact]
    public void TryHash_RetiredPepperStillConfigured_HashesWithIt()
    {
        var options = new SecretHashingOptions { CurrentPepperId = "new" };
        options.Peppers["new"] = new byte[32];
        options.Peppers["old"] = Enumerable.Repeat((byte)1, 32).ToArray();
        using var hasher = new SecretHasher(options);

        hasher.TryHash("secret", "old", out var old).Should().BeTrue();
        old.Should().NotBe(hasher.Hash("secret"));
        hasher.PepperIdsCurrentFirst.Should().Equal("new", "old", null);
    }

    [Fact]
    public void TryHash_UnknownPepper_ReturnsFalse()
    {
        using var hasher = new SecretHasher(new SecretHashingOptions());

        hasher.TryHash("secret", "gone", out _).Should().BeFalse();
    }

    [Fact]
    public void TryHash_OverLongSecret_Throws()
    {
        using var hasher = new SecretHasher(new SecretHashingOptions());

        var act = () => hasher.Hash(new string('a', SecretHasher.MaxSecretLength + 1));

        act.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("aaaa");
    }

    [Fact]
    public void Hash_ManyThreadsSharingOnePepper_AgreeWithOneShotHmac()
    {
        var options = new SecretHashingOptions { CurrentPepperId = "p" };
        options.Peppers["p"] = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var hasher = new SecretHasher(options);
        var inputs = Enumerable.Range(0, 2000).Select(i => $"secret-{i}").ToArray();

        var parallel = new SecretHash[inputs.Length];
        Parallel.For(0, inputs.Length, i => parallel[i] = hasher.Hash(inputs[i]));

        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = System.Security.Cryptography.HMACSHA256.HashData(options.Peppers["p"], Encoding.UTF8.GetBytes(inputs[i]));
            parallel[i].Should().Be(SecretHash.FromBytes(expected));
        }
    }

    [Fact]
    public void SecretHash_RoundTripsThroughBytes_AndNeverPrintsItself()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var hash = SecretHash.FromBytes(bytes);

        hash.ToArray().Should().Equal(bytes);
        hash.ToString().Should().NotContain("0102");
        hash.Should().NotBe(SecretHash.FromBytes(new byte[32]));
    }

    [Fact]
    public void SecretHash_FromBytesWrongLength_Throws()
    {
        var act = () => SecretHash.FromBytes(new byte[31]);

        act.Should().Throw<ArgumentException>();
    }
}
