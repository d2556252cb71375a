using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Credentials.Core.Tests.Secrets;
using Credentials.Secrets;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
// Identity names its own enum the same; this file uses both libraries.

namespace Credentials.Core.Tests.Users;

public class Pbkdf2PasswordHasherTests
{
    private const string Password = PasswordHashFixtures.Password;
    private const string KnownHash = PasswordHashFixtures.Pbkdf2Hash;

    // Identity hashes at 1,000 iterations of HMAC-SHA512 count 3,000 (PasswordKdf.Cost): accepted up to twice the configured cost.
    private const int IdentityIterationsAccepted = 1500;

    private static readonly byte[] CountingSalt = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    internal static Pbkdf2PasswordHasher CreateHasher(int iterations = 1000, ISecretRandom? random = null) =>
        new(new PasswordHashingOptions { Iterations = iterations }, random ?? CryptoSecretRandom.Instance);

    [Fact]
    public void Hash_FixedSalt_ProducesKnownString()
    {
        var hasher = CreateHasher(1000, new FixedSecretRandom(CountingSalt));

        hasher.Hash(Password).Should().Be(KnownHash);
    }

    [Fact]
    public void Hash_DefaultOptions_UsesOwaspIterationCount()
    {
        var hasher = new Pbkdf2PasswordHasher(new PasswordHashingOptions(), CryptoSecretRandom.Instance);

        var hash = hasher.Hash(Password);

        hash.Should().StartWith("$credentials-pbkdf2-sha256$v=1$i=600000$");
        hasher.Verify(hash, Password).Should().Be(PasswordVerification.Success);
    }

    [Fact]
    public void Hash_SamePasswordTwice_DrawsFreshSalt()
    {
        var hasher = CreateHasher();

        hasher.Hash(Password).Should().NotBe(hasher.Hash(Password));
    }

    [Theory]
    [InlineData(Password)]
    [InlineData("pässwörd")]
    [InlineData("emoji \U0001F511 and CJK 密码")]
    [InlineData("control\u0000chars\t\r\n")]
    [InlineData(" leading and trailing spaces ")]
    [InlineData("x")]
    public void Verify_OwnHashOfThatPassword_Success(string password)
    {
        var hasher = CreateHasher();

        hasher.Verify(hasher.Hash(password), password).Should().Be(PasswordVerification.Success);
    }

    [Fact]
    public void Verify_PasswordAtMaxLength_Success()
    {
        var hasher = CreateHasher();
        var password = new string('a', PasswordHashingOptions.DefaultMaxPasswordLength);

        hasher.Verify(hasher.Hash(password), password).Should().Be(PasswordVerification.Success);
    }

    [Theory]
    [InlineData("correct horse battery stapl")]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    public void Verify_WrongPassword_Failed(string password)
    {
        CreateHasher().Verify(KnownHash, password).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void Verify_CanonicallyEquivalentButDifferentCodePoints_Failed()
    {
        // Passwords are not normalised (as in ASP.NET Core Identity): precomposed é and e + combining acute differ.
        var hasher = CreateHasher();

        hasher.Verify(hasher.Hash("caf\u00e9"), "cafe\u0301").Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void Verify_ConfiguredIterationsRaised_SuccessRehashNeeded()
    {
        var hash = CreateHasher(1000).Hash(Password);

        CreateHasher(2000).Verify(hash, Password).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Fact]
    public void Verify_ConfiguredIterationsLowered_SuccessWithoutDowngrade()
    {
        var hash = CreateHasher(2000).Hash(Password);

        CreateHasher(1000).Verify(hash, Password).Should().Be(PasswordVerification.Success);
    }

    [Fact]
    public void Verify_KnownHash_Success()
    {
        CreateHasher(1000).Verify(KnownHash, Password).Should().Be(PasswordVerification.Success);
    }

    [Theory]
    [InlineData("$credentials-pbkdf2-sha256$", "$credentials-pbkdf2-sha512$")]
    [InlineData("$credentials-pbkdf2-sha256$", "$CREDENTIALS-PBKDF2-SHA256$")]
    [InlineData("$credentials-pbkdf2-sha256$", "$pbkdf2-sha256$")]
    [InlineData("$v=1$", "$v=2$")]
    [InlineData("$v=1$", "$$")]
    [InlineData("$i=1000$", "$i=999$")]
    [InlineData("$i=1000$", "$i=1001$")]
    [InlineData("$i=1000$", "$i=01000$")]
    [InlineData("$i=1000$", "$i=+1000$")]
    [InlineData("$i=1000$", "$i=-1000$")]
    [InlineData("$i=1000$", "$i= 1000$")]
    [InlineData("$i=1000$", "$i=0$")]
    [InlineData("$i=1000$", "$i=99999999999$")]
    [InlineData("$i=1000$", "$i=1e3$")]
    [InlineData("$i=1000$", "$1000$")]
    [InlineData("$i=1000$", "$I=1000$")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "BAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "AAECAwQFBgcICQoLDA0ODx==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "AAECAwQFBgcICQoLDA0O")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "AAECAwQF BgcICQoLDA0ODw==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "")]
    [InlineData("$ppsXnjrdPB4", "$qpsXnjrdPB4")]
    [InlineData("cZ4=", "cZ5=")]
    [InlineData("cZ4=", "cZ4")]
    [InlineData("cZ4=", "cZ4=$")]
    [InlineData("cZ4=", "cZ4=$extra")]
    [InlineData("cZ4=", "cZ4=\n")]
    [InlineData("$credentials", " $credentials")]
    public void Verify_TamperedOwnFormat_Failed(string find, string replace)
    {
        var tampered = KnownHash.Replace(find, replace, StringComparison.Ordinal);
        tampered.Should().NotBe(KnownHash);

        CreateHasher(1000).Verify(tampered, Password).Should().Be(PasswordVerification.Failed);
    }

    public static TheoryData<string?> MalformedHashes() => new()
    {
        null,
        string.Empty,
        "$",
        "$$$$$",
        "not a hash",
        "AA==",
        "AQ==",
        "Ag==",
        KnownHash + new string('A', 300),
        new string('$', 10_000),
        new string('A', 10_000),
    };

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public void Verify_MalformedHash_FailedWithoutThrowing(string? hash)
    {
        CreateHasher().Verify(hash!, Password).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public void Verify_MalformedHash_SpendsTheConfiguredCost(string? hash)
    {
        // A host's authenticator may verify an unknown user against any string: it must cost what a real hash costs.
        var start = PasswordKdf.WorkOnThisThread;

        CreateHasher(1000).Verify(hash!, Password);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(1000);
    }

    public static TheoryData<string?> UnacceptablePasswords() => new()
    {
        null,
        string.Empty,
        new string('a', PasswordHashingOptions.DefaultMaxPasswordLength + 1),
        new string('a', 10 * 1024 * 1024),
        "lone \uD800 surrogate",
        "\uDC00",
    };

    [Theory]
    [MemberData(nameof(UnacceptablePasswords), DisableDiscoveryEnumeration = true)]
    public void Verify_UnacceptablePassword_FailedWithoutThrowing(string? password)
    {
        CreateHasher().Verify(KnownHash, password!).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [MemberData(nameof(UnacceptablePasswords), DisableDiscoveryEnumeration = true)]
    public void Hash_UnacceptablePassword_ThrowsArgumentErrorWithoutThePassword(string? password)
    {
        var act = () => CreateHasher().Hash(password!);

        var thrown = act.Should().Throw<ArgumentException>().Which;
        thrown.ParamName.Should().Be("password");
        if (!string.IsNullOrEmpty(password))
        {
            thrown.Message.Should().NotContain(password);
        }
    }

    [Fact]
    public void Verify_AspNetIdentityV3DefaultSettingsAtMinimumIterations_FailedAtTheConfiguredCost()
    {
        // 300,000 counted is above twice 100,000: refused unread rather than answered 3x slower than an unknown user.
        var identityHash = new PasswordHasher<object>().HashPassword(new object(), Password);
        var start = PasswordKdf.WorkOnThisThread;

        CreateHasher(PasswordHashingOptions.MinimumIterations).Verify(identityHash, Password).Should().Be(PasswordVerification.Failed);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(PasswordHashingOptions.MinimumIterations);
    }

    [Fact]
    public void Verify_StoredIterationsTwiceTheConfigured_SuccessAtTheirCost()
    {
        var hash = CreateHasher(2000).Hash(Password);
        var start = PasswordKdf.WorkOnThisThread;

        CreateHasher(1000).Verify(hash, Password).Should().Be(PasswordVerification.Success);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(2000);
    }

    [Theory]
    [InlineData(2001)]
    [InlineData(10_000)]
    public void Verify_RightPasswordStoredAboveTwiceTheConfigured_FailedAtTheConfiguredCost(int storedIterations)
    {
        var hash = CreateHasher(storedIterations).Hash(Password);
        var start = PasswordKdf.WorkOnThisThread;

        CreateHasher(1000).Verify(hash, Password).Should().Be(PasswordVerification.Failed);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(1000);
    }

    [Fact]
    public void Verify_StoredIterationsIntMax_FailedWithoutDerivingThem()
    {
        // A tampered count would otherwise hold a login thread for half an hour.
        var hash = KnownHash.Replace("$i=1000$", $"$i={int.MaxValue}$", StringComparison.Ordinal);
        var start = PasswordKdf.WorkOnThisThread;

        CreateHasher(1000).Verify(hash, Password).Should().Be(PasswordVerification.Failed);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(1000);
    }

    [Theory]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV2, Password)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3, Password)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV2, "emoji \U0001F511 and CJK 密码")]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3, "emoji \U0001F511 and CJK 密码")]
    public void Verify_AspNetIdentityHash_SuccessRehashNeeded(PasswordHasherCompatibilityMode mode, string password)
    {
        var identityHash = PasswordHashFixtures.IdentityHasher(mode).HashPassword(new object(), password);

        CreateHasher(IdentityIterationsAccepted).Verify(identityHash, password).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Fact]
    public void Verify_AspNetIdentityV3DefaultSettings_SuccessRehashNeeded()
    {
        // Identity's current defaults: V3, HMAC-SHA512, 100,000 iterations, which count as 300,000 (PasswordKdf.Cost).
        var identityHash = new PasswordHasher<object>().HashPassword(new object(), Password);

        CreateHasher(150_000).Verify(identityHash, Password).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Theory]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV2)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3)]
    public void Verify_AspNetIdentityHashWrongPassword_Failed(PasswordHasherCompatibilityMode mode)
    {
        var identityHash = PasswordHashFixtures.IdentityHasher(mode).HashPassword(new object(), Password);

        CreateHasher().Verify(identityHash, Password + "!").Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(2u)]
    public void Verify_AspNetIdentityV3EachPrf_SuccessRehashNeeded(uint prf)
    {
        // Identity hashes new passwords with HMAC-SHA512 only; older versions stored SHA-1 and SHA-256 ones. Identity
        // itself accepting the hand-built hash shows the layout is right.
        var hash = Convert.ToBase64String(BuildV3(prf, 1000, CountingSalt, Password));
        PasswordHashFixtures.IdentityHasher(PasswordHasherCompatibilityMode.IdentityV3)
            .VerifyHashedPassword(new object(), hash, Password).Should().NotBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);

        CreateHasher(IdentityIterationsAccepted).Verify(hash, Password).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    public static TheoryData<string> TamperedIdentityHashes()
    {
        var v3 = BuildV3(1, 1000, CountingSalt, Password);
        var v2 = Convert.FromBase64String(PasswordHashFixtures.IdentityHasher(PasswordHasherCompatibilityMode.IdentityV2).HashPassword(new object(), Password));
        return new TheoryData<string>
        {
            Encode(Changed(v3, 0, 0x02)),                             // unknown format marker
            Encode(Changed(v3, 4, 3)),                                // unknown PRF
            Encode(WithUInt32(v3, 5, 0)),                             // zero iterations
            Encode(WithUInt32(v3, 5, 1001)),                          // other iteration count
            Encode(WithUInt32(v3, 5, 0x80000000)),                    // iteration count beyond int
            Encode(WithUInt32(v3, 9, 8)),                             // salt under 128 bits
            Encode(WithUInt32(v3, 9, 0xFFFFFFF0)),                    // salt length past the end
            Encode(WithUInt32(v3, 9, (uint)(v3.Length - 13 - 8))),    // leaves a subkey under 128 bits
            Encode(Changed(v3, 13, (byte)(v3[13] ^ 1))),              // salt bit flipped
            Encode(Changed(v3, v3.Length - 1, (byte)(v3[^1] ^ 1))),   // subkey bit flipped
            Encode(v3[..^17]),                                        // subkey truncated under 128 bits
            Encode(v3[..12]),                                         // header truncated
            Encode([.. v3, .. new byte[40]]),                         // subkey over 64 bytes
            Encode(Changed(v2, v2.Length - 1, (byte)(v2[^1] ^ 1))),   // V2 subkey bit flipped
            Encode(v2[..^1]),                                         // V2 truncated
            Encode([.. v2, 0]),                                       // V2 too long
            Encode(Changed(v2, 0, 0x01)),                             // V2 bytes read as V3
            "!!!!" + Encode(v3),                                      // not base64
            Encode(new byte[100]),                                    // V2 marker, wrong length
        };
    }

    [Theory]
    [MemberData(nameof(TamperedIdentityHashes))]
    public void Verify_TamperedAspNetIdentityHash_Failed(string hash)
    {
        CreateHasher().Verify(hash, Password).Should().Be(PasswordVerification.Failed);
    }

    private static byte[] BuildV3(uint prf, uint iterations, byte[] salt, string password)
    {
        var algorithm = prf switch { 0 => HashAlgorithmName.SHA1, 1 => HashAlgorithmName.SHA256, _ => HashAlgorithmName.SHA512 };
        var subkey = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, (int)iterations, algorithm, 32);
        var header = new byte[13];
        header[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), prf);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(5), iterations);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(9), (uint)salt.Length);
        return [.. header, .. salt, .. subkey];
    }

    private static byte[] Changed(byte[] bytes, int index, byte value)
    {
        var copy = bytes.ToArray();
        copy[index] = value;
        return copy;
    }

    private static byte[] WithUInt32(byte[] bytes, int index, uint value)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(index), value);
        return copy;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes);
}
