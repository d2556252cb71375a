using System.Globalization;
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
}
