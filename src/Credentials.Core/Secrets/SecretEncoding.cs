using System.Buffers;

namespace Credentials.Secrets;

/// <summary>Text forms of secrets: base62 (API keys) and lowercase hex (web tokens), drawn without modulo bias.</summary>
internal static class SecretEncoding
{
    public const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private const string HexAlphabet = "0123456789abcdef";

    private static readonly SearchValues<char> Base62Chars = SearchValues.Create(Base62Alphabet);

    /// <summary>Bits of entropy one uniformly drawn base62 character carries (log2 62).</summary>
    public const double BitsPerBase62Char = 5.954196310386876;

    /// <summary>The number of base62 characters needed to carry at least <paramref name="bits"/> bits.</summary>
    public static int Base62LengthFor(int bits) => (int)Math.Ceiling(bits / BitsPerBase62Char);

    /// <summary>
    /// Fills <paramref name="destination"/> with uniformly random base62 characters. Bytes of 248 and above are
    /// rejected (248 = 4 * 62), so every character is equally likely.
    /// </summary>
    public static void FillRandomBase62(ISecretRandom random, Span<char> destination)
    {
        Span<byte> pool = stackalloc byte[64];
        var filled = 0;
        while (filled < destination.Length)
        {
            random.Fill(pool);
            foreach (var b in pool)
            {
                if (b >= 248)
                {
                    continue;
                }

                destination[filled++] = Base62Alphabet[b % 62];
                if (filled == destination.Length)
                {
                    break;
                }
            }
        }

        pool.Clear();
    }

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="destination"/>.Length base62 digits, most significant first.</summary>
    public static void WriteBase62(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Base62Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    /// <summary>True when every character is in the base62 alphabet (ASCII digits and letters only). Vectorized: it runs on every presented key.</summary>
    public static bool IsBase62(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(Base62Chars) < 0;

    /// <summary>Writes <paramref name="bytes"/> as lowercase hex; <paramref name="destination"/> is twice as long.</summary>
    public static void WriteLowerHex(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = HexAlphabet[bytes[i] >> 4];
            destination[(2 * i) + 1] = HexAlphabet[bytes[i] & 0xF];
        }
    }

    /// <summary>True when every character is a lowercase hex digit. Uppercase is rejected: tokens are case-sensitive.</summary>
    public static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
