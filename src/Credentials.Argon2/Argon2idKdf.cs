using System.Security.Cryptography;
using NSec.Cryptography;

namespace Credentials.Argon2;

/// <summary>
/// Argon2id (RFC 9106, version 1.3) through libsodium, one lane, over a password's UTF-8 bytes; and the constant-time
/// check of a derived subkey. The one place in this package that touches password bytes.
/// </summary>
internal static class Argon2idKdf
{
    /// <summary>libsodium's salt length for Argon2id: NSec accepts no other.</summary>
    public const int SaltBytes = 16;

    /// <summary>libsodium's smallest memory for one lane, in KiB.</summary>
    public const long MinimumMemorySizeKiB = 8;

    [ThreadStatic]
    private static long t_work;

    /// <summary>
    /// The work of every derivation run on this thread so far, in KiB-passes (memory × passes: Argon2 fills and then
    /// revisits every block once per pass, so its time grows with the product). Derivation is synchronous, so the
    /// difference around a call is that call's work: verification levels its cost with it, and tests count it.
    /// </summary>
    public static long WorkOnThisThread => t_work;

    /// <summary>Fills <paramref name="destination"/> with Argon2id of <paramref name="password"/>.</summary>
    /// <exception cref="ArgumentException">Memory below <see cref="MinimumMemorySizeKiB"/>, no pass, or a salt not <see cref="SaltBytes"/> long.</exception>
    public static void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, long memorySizeKiB, long iterations, Span<byte> destination)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memorySizeKiB,
            NumberOfPasses = iterations,
        });
        algorithm.DeriveBytes(password, salt, destination);
        t_work += memorySizeKiB * iterations;
    }

    /// <summary>Derives a subkey as long as <paramref name="expected"/> and compares the two in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, long memorySizeKiB, long iterations, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[expected.Length];
        try
        {
            Derive(password, salt, memorySizeKiB, iterations, actual);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(actual);
        }
    }
}
