using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>
/// Base64url without padding (RFC 7515 section 2), decoded strictly: one text per byte string, so a token cannot be
/// altered by re-spelling its encoding while its signature still verifies.
/// </summary>
internal static class JoseBase64Url
{
    private static readonly sbyte[] Values = BuildValues();

    /// <summary>The number of bytes <paramref name="length"/> characters decode to, or -1 when no text has that length.</summary>
    public static int DecodedLength(int length) => (length % 4) switch
    {
        0 => length / 4 * 3,
        2 => (length / 4 * 3) + 1,
        3 => (length / 4 * 3) + 2,
        _ => -1,
    };

    /// <summary>Decodes <paramref name="text"/> into exactly <see cref="DecodedLength"/> bytes of <paramref name="destination"/>.</summary>
    public static Base64UrlStatus Decode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var length = DecodedLength(text.Length);
        if (length < 0)
        {
            return text.Length > 0 && text[^1] == '=' ? Base64UrlStatus.NonCanonical : Base64UrlStatus.Invalid;
        }

        var whole = text.Length / 4 * 4;
        var o = 0;
        for (var i = 0; i < whole; i += 4)
        {
            int a = Value(text[i]), b = Value(text[i + 1]), c = Value(text[i + 2]), d = Value(text[i + 3]);
            if ((a | b | c | d) < 0)
            {
                return Invalid(text);
            }

            var n = (a << 18) | (b << 12) | (c << 6) | d;
            destination[o++] = (byte)(n >> 16);
            destination[o++] = (byte)(n >> 8);
            destination[o++] = (byte)n;
        }

        switch (text.Length - whole)
        {
            case 2:
            {
                int a = Value(text[whole]), b = Value(text[whole + 1]);
                if ((a | b) < 0)
                {
                    return Invalid(text);
                }

                if ((b & 0x0F) != 0)
                {
                    return Base64UrlStatus.NonCanonical;
                }

                destination[o] = (byte)((a << 2) | (b >> 4));
                break;
            }

            case 3:
            {
                int a = Value(text[whole]), b = Value(text[whole + 1]), c = Value(text[whole + 2]);
                if ((a | b | c) < 0)
                {
                    return Invalid(text);
                }

                if ((c & 0x03) != 0)
                {
                    return Base64UrlStatus.NonCanonical;
                }

                var n = (a << 12) | (b << 6) | c;
                destination[o] = (byte)(n >> 10);
                destination[o + 1] = (byte)(n >> 2);
                break;
            }
        }

        return Base64UrlStatus.Decoded;
    }

    /// <summary>Decodes a whole string, or returns null when it is not canonical base64url (key material from configuration).</summary>
    public static byte[]? DecodeOrNull(string? text)
    {
        if (string.IsNullOrEmpty(text) || DecodedLength(text.Length) is var length && length < 0)
        {
            return null;
        }

        var bytes = new byte[length];
        return Decode(text, bytes) == Base64UrlStatus.Decoded ? bytes : null;
    }

    public static string Encode(byte[] bytes) => Base64UrlEncoder.Encode(bytes);

    // Standard base64 characters ('+', '/', '=') in a base64url text are a re-spelling, not garbage.
    private static Base64UrlStatus Invalid(ReadOnlySpan<char> text) =>
        text.IndexOfAny('+', '/', '=') >= 0 ? Base64UrlStatus.NonCanonical : Base64UrlStatus.Invalid;

    private static int Value(char c) => c < 128 ? Values[c] : -1;

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
