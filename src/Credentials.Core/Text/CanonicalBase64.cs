namespace Credentials.Text;

/// <summary>
/// Standard base64 read strictly, for the fields of stored password hashes: one spelling per value, so a hash string
/// cannot be altered (padding, trailing bits) and still verify. Compiled into Credentials.Argon2 as well, by a link.
/// </summary>
internal static class CanonicalBase64
{
    /// <summary>The longest destination decoded here: a hash's salt or subkey, never a caller's payload.</summary>
    public const int MaxBytes = 64;

    /// <summary>Decodes exactly <paramref name="destination"/>'s length and only from the canonical spelling.</summary>
    public static bool TryDecodeExact(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (destination.Length > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), $"At most {MaxBytes} bytes are decoded here.");
        }

        Span<char> canonical = stackalloc char[(MaxBytes + 2) / 3 * 4];
        return Convert.TryFromBase64Chars(text, destination, out var written)
            && written == destination.Length
            && Convert.TryToBase64Chars(destination, canonical, out var length)
            && text.SequenceEqual(canonical[..length]);
    }
}
