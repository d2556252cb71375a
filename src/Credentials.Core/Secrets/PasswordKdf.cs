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

    /// <summary>
    /// True when <paramref name="text"/> is well-formed UTF-16 (every surrogate paired), so it has exactly one UTF-8
    /// encoding. A lone surrogate would otherwise be replaced by U+FFFD and collide with the password that has one.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fills <paramref name="destination"/> with PBKDF2-HMAC-<paramref name="prf"/> of the password's UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The password is not well-formed UTF-16 (check <see cref="IsWellFormed"/> first).</exception>
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
    /// Derives a subkey as long as <paramref name="expected"/> and compares the two in constant time. False, without
    /// deriving, when the expected subkey is empty or longer than <see cref="MaxSubkeyBytes"/>.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> password, ReadOnlySpan<byte> salt, int iterations, HashAlgorithmName prf, ReadOnlySpan<byte> expected)
    {
        if (expected.IsEmpty || expected.Length > MaxSubkeyBytes)
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
