using Credentials.Users;

namespace Credentials.Argon2.Tests;

public class Argon2idPasswordHasherTests
{
    internal const string Password = "correct horse battery staple";

    // Small parameters keep the suite fast; the levelling and bounds are relative to whatever is configured.
    internal const int MemorySizeKiB = 256;
    internal const int Iterations = 2;
    internal const long Work = MemorySizeKiB * Iterations;

    // Argon2id(Password, salt ">A 16-bytes salt", m=256 KiB, t=2, p=1, 32 bytes), computed independently with the
    // reference implementation's command-line tool (Debian's argon2 package: argon2 '>A 16-bytes salt' -id -t 2 -k 256 -p 1 -l 32).
    private const string KnownHash = "$credentials-argon2id$v=1$m=256,t=2,p=1$PkEgMTYtYnl0ZXMgc2FsdA==$EPHd4bbIii8+1553pSt5ERS7NlzrceI4obU9YpXyty8=";

    private static readonly byte[] FixedSalt = ">A 16-bytes salt"u8.ToArray();

    internal static Argon2idPasswordHasher CreateHasher(int memorySizeKiB = MemorySizeKiB, int iterations = Iterations, int maxPasswordLength = PasswordHashingOptions.DefaultMaxPasswordLength) =>
        new(
            new Argon2idPasswordOptions { MemorySizeKiB = memorySizeKiB, Iterations = iterations },
            new PasswordHashingOptions { MaxPasswordLength = maxPasswordLength },
            FixedSalt.CopyTo);

    [Fact]
    public void Hash_FixedSalt_ProducesKnownString()
    {
        CreateHasher().Hash(Password).Should().Be(KnownHash);
    }

    [Theory]
    [InlineData(Password)]
    [InlineData("pässwörd")]
    [InlineData("emoji \U0001F511 and CJK 密码")]
    [InlineData("control\u0000chars\t\r\n")]
    [InlineData(" leading and trailing spaces ")]
    public void Verify_OwnHash_Success(string password)
    {
        var hasher = new Argon2idPasswordHasher(Options(), new PasswordHashingOptions());

        var hash = hasher.Hash(password);

        hash.Should().StartWith($"$credentials-argon2id$v=1$m={MemorySizeKiB},t={Iterations},p=1$");
        hasher.Verify(hash, password).Should().Be(PasswordVerification.Success);
        hasher.Verify(hash, password + "x").Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void Hash_SamePasswordTwice_DrawsFreshSalt()
    {
        var hasher = new Argon2idPasswordHasher(Options(), new PasswordHashingOptions());

        hasher.Hash(Password).Should().NotBe(hasher.Hash(Password));
    }

    [Fact]
    public void Hash_DefaultOptions_OwaspParameters()
    {
        new Argon2idPasswordHasher(new Argon2idPasswordOptions(), new PasswordHashingOptions()).Hash(Password)
            .Should().StartWith("$credentials-argon2id$v=1$m=19456,t=2,p=1$");
    }

    [Fact]
    public void Verify_KnownHash_Success()
    {
        CreateHasher().Verify(KnownHash, Password).Should().Be(PasswordVerification.Success);
    }

    [Theory]
    [InlineData(MemorySizeKiB / 2, Iterations)]
    [InlineData(MemorySizeKiB, Iterations - 1)]
    public void Verify_StoredParametersWeakerThanConfigured_SuccessRehashNeeded(int storedMemorySizeKiB, int storedIterations)
    {
        var hash = CreateHasher(storedMemorySizeKiB, storedIterations).Hash(Password);

        CreateHasher().Verify(hash, Password).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Theory]
    [InlineData(2 * MemorySizeKiB, Iterations)]
    [InlineData(MemorySizeKiB, 2 * Iterations)]
    public void Verify_StoredParametersStrongerUpToTwice_SuccessWithoutDowngrade(int storedMemorySizeKiB, int storedIterations)
    {
        var hash = CreateHasher(storedMemorySizeKiB, storedIterations).Hash(Password);

        CreateHasher().Verify(hash, Password).Should().Be(PasswordVerification.Success);
    }

    [Theory]
    [InlineData(2 * MemorySizeKiB + 1, 1)]
    [InlineData(MemorySizeKiB, 2 * Iterations + 1)]
    [InlineData(2 * MemorySizeKiB, Iterations + 1)]
    [InlineData(8, int.MaxValue)]
    [InlineData(4_194_304, 1)]
    public void Verify_StoredParametersAboveTheBound_FailedUnreadAtTheConfiguredWork(long storedMemorySizeKiB, long storedIterations)
    {
        var hash = Argon2idPasswordHash.Render(storedMemorySizeKiB, storedIterations, new byte[16], new byte[32]);
        var start = Argon2idKdf.WorkOnThisThread;

        CreateHasher().Verify(hash, Password).Should().Be(PasswordVerification.Failed);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(Work, "a hash dearer than twice the configured memory or work is not derived, only padded");
    }

    [Fact]
    public void Verify_CheaperStoredHash_ToppedUpToTheConfiguredWork()
    {
        var hash = CreateHasher(MemorySizeKiB / 4, 1).Hash(Password);
        var start = Argon2idKdf.WorkOnThisThread;

        CreateHasher().Verify(hash, "wrong").Should().Be(PasswordVerification.Failed);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(Work);
    }

    public static TheoryData<string> MalformedHashes()
    {
        const string salt = "PkEgMTYtYnl0ZXMgc2FsdA==";
        const string subkey = "EPHd4bbIii8+1553pSt5ERS7NlzrceI4obU9YpXyty8=";
        string Replace(string find, string replace)
        {
            var hash = KnownHash.Replace(find, replace, StringComparison.Ordinal);
            hash.Should().NotBe(KnownHash);
            return hash;
        }

        return
        [
            "",
            " ",
            "$",
            "$credentials-argon2id$",
            "$credentials-argon2id$v=1$m=256,t=2,p=1$" + salt,
            KnownHash + "$",
            KnownHash + new string('A', 300),
            "x" + KnownHash,
            Replace("$credentials-argon2id$", "$credentials-argon2i$"),
            Replace("$credentials-argon2id$", "$Credentials-argon2id$"),
            Replace("$v=1$", "$v=2$"),
            Replace("$v=1$", "$v=01$"),
            Replace("$v=1$", "$$"),
            Replace("m=256,", "m=0256,"),
            Replace("m=256,", "m=+256,"),
            Replace("m=256,", "m= 256,"),
            Replace("m=256,", "m=,"),
            Replace("m=256,", "m=0,"),
            Replace("m=256,", "m=7,"),
            Replace("m=256,", "m=99999999999,"),
            Replace("m=256,", "M=256,"),
            Replace("m=256,t=2", "t=2,m=256"),
            Replace("t=2,", "t=0,"),
            Replace("t=2,", "t=-1,"),
            Replace("t=2,", "t=2.0,"),
            Replace(",p=1$", ",p=2$"),
            Replace(",p=1$", ",p=01$"),
            Replace(",p=1$", "$"),
            Replace(",p=1$", ",p=1,x=1$"),
            Replace(salt, salt.TrimEnd('=')),
            Replace(salt, " " + salt),
            Replace(salt, "AAAA"),
            Replace(salt, salt[..^3] + "B=="),
            Replace(salt, "!" + salt[1..]),
            Replace(subkey, subkey.TrimEnd('=')),
            Replace(subkey, subkey[..^2] + "9="),
            Replace(subkey, "AAAA" + subkey),
            Replace(subkey, subkey[..20]),
            Replace(subkey, ""),
        ];
    }

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public void Verify_MalformedHash_FailedWithoutThrowingAtTheConfiguredWork(string hash)
    {
        var start = Argon2idKdf.WorkOnThisThread;

        CreateHasher().Verify(hash, Password).Should().Be(PasswordVerification.Failed);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(Work);
    }

    [Fact]
    public void Verify_NullHash_FailedAtTheConfiguredWork()
    {
        var start = Argon2idKdf.WorkOnThisThread;

        CreateHasher().Verify(null!, Password).Should().Be(PasswordVerification.Failed);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(Work);
    }

    public static TheoryData<string?> UnacceptablePasswords() =>
    [
        null,
        "",
        "lone \uD800 surrogate",
        "\uDC00",
        new string('a', PasswordHashingOptions.DefaultMaxPasswordLength + 1),
        new string('a', 10 * 1024 * 1024),
    ];

    [Theory]
    [MemberData(nameof(UnacceptablePasswords), DisableDiscoveryEnumeration = true)]
    public void Verify_UnacceptablePassword_FailedWithoutWork(string? password)
    {
        var start = Argon2idKdf.WorkOnThisThread;

        CreateHasher().Verify(KnownHash, password!).Should().Be(PasswordVerification.Failed);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(0, "refusing depends on the input alone, not on the user");
    }

    [Theory]
    [MemberData(nameof(UnacceptablePasswords), DisableDiscoveryEnumeration = true)]
    public void Hash_UnacceptablePassword_ThrowsArgumentErrorWithoutThePassword(string? password)
    {
        var act = () => CreateHasher().Hash(password!);

        var message = act.Should().Throw<ArgumentException>().Which.Message;
        if (!string.IsNullOrEmpty(password))
        {
            message.Should().NotContain(password);
        }
    }

    [Fact]
    public void Verify_LongestAcceptedPassword_RoundTrips()
    {
        var password = new string('é', PasswordHashingOptions.DefaultMaxPasswordLength);
        var hasher = CreateHasher();

        hasher.Verify(hasher.Hash(password), password).Should().Be(PasswordVerification.Success);
    }

    private static Argon2idPasswordOptions Options() => new() { MemorySizeKiB = MemorySizeKiB, Iterations = Iterations };
}
