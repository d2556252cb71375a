using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Credentials.Secrets;

/// <summary>
/// PBKDF2 (RFC 8018) over a password's UTF-8 bytes: the slow, salted derivation passwords need, and the
/// constant-time check of a derived subkey. Passwords are low-entropy, so they never go through <see cref="SecretHasher"/>.
/// </summary>
internal static class PasswordKdf
{
    /// <summary>The longest subkey a stored hash may hold: one SHA-512 block. Longer ones would multiply the work.</summary>
    public const int MaxSubkeyBytes = 64;

    [ThreadStatic]
    private static long t_work;

    /// <summary>
    /// The <see cref="Cost"/> of every derivation run on this thread so far. Derivation is synchronous, so the
    /// difference around a call is that call's work: verification levels its cost with it, and tests count it.
    /// </summary>
    public static long WorkOnThisThread => t_work;

    /// <summary>Fills <paramref name="destination"/> with PBKDF2-HMAC-<paramref name="prf"/> of the password's UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The password is not well-formed UTF-16 (check <see cref="Text.UnicodeText.IsWellFormed"/> first).</exception>
    public static void Derive(ReadOnlySpan<char> password, ReadOnlySpan<byte> salt, int iterations, HashAlgorithmName prf, Span<byte> destination)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(password.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            if (Utf8.FromUtf16(password, buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new ArgumentException("The password is not well-formed UTF-16 text.", nameof(password));
            }

            Rfc2898DeriveBytes.Pbkdf2(buffer[..written], salt, destination, iterations, prf);
            t_work += Cost(iterations, prf, destination.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The work of a derivation, in HMAC-SHA256 iterations: iterations times the PRF blocks the output needs (PBKDF2
    /// runs every iteration once per block), HMAC-SHA512 counted three times. It measured 1.9-2.6 times an HMAC-SHA256
    /// iteration on x64 with SHA extensions; counting a PRF above its cost (up to twice) keeps a levelled verification
    /// within 0.5-2 times the configured cost, counting it below would not.
    /// </summary>
    public static long Cost(int iterations, HashAlgorithmName prf, int outputBytes)
    {
        var (blockBytes, weight) = prf.Name switch
        {
            nameof(HashAlgorithmName.SHA1) => (20, 1),
            nameof(HashAlgorithmName.SHA256) => (32, 1),
            nameof(HashAlgorithmName.SHA512) => (64, 3),
            _ => throw new ArgumentOutOfRangeException(nameof(prf), prf.Name, "Passwords are derived with HMAC-SHA1, SHA256 or SHA512 only."),
        };
        return (long)iterations * ((outputBytes + blockBytes - 1) / blockBytes) * weight;
    }

    /// <summary>
    /// Derives a subkey as long as <paramref name="expected"/> and compares the two in constant time. False, without
    /// deriving, when the expected subkey is empty or longer than <see cref="MaxSubkeyBytes"/>, or when the derivation
    /// would cost more than <paramref name="maxCost"/>.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> password, ReadOnlySpan<byte> salt, int iterations, HashAlgorithmName prf, ReadOnlySpan<byte> expected, long maxCost)
    {
        if (expected.IsEmpty || expected.Length > MaxSubkeyBytes || Cost(iterations, prf, expected.Length) > maxCost)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[expected.Length];
        try
        {
            Derive(password, salt, iterations, prf, actual);
            return SecretHasher.FixedTimeEquals(actual, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(actual);
        }
    }
}
