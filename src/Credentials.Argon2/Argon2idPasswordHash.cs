using System.Globalization;
using Credentials.Text;

namespace Credentials.Argon2;

/// <summary>
/// The stored form <c>$credentials-argon2id$v=1$m=19456,t=2,p=1$&lt;salt&gt;$&lt;subkey&gt;</c>: Argon2id version 1.3
/// (the only one libsodium computes; <c>v=1</c> is this format's version and pins it), memory in KiB, passes, one lane,
/// a 128-bit salt and a 256-bit subkey in standard base64 with padding. Parsed strictly and in place: one spelling per
/// value, so a hash cannot be reworded, and nothing is allocated before the bounds are checked.
/// </summary>
internal static class Argon2idPasswordHash
{
    public const string FormatMarker = "credentials-argon2id";
    public const string Prefix = "$" + FormatMarker + "$";
    public const int SubkeyBytes = 32;

    /// <summary>Far above the longest hash the options allow (about 120 characters): longer input is refused unread.</summary>
    public const int MaxEncodedLength = 256;

    private const string Version = "v=1";
    private const int FieldCount = 6;
    private const int ParameterCount = 3;
    private const int MaxDigits = 10;

    public static string Render(long memorySizeKiB, long iterations, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> subkey) =>
        string.Join(
            '$',
            string.Empty,
            FormatMarker,
            Version,
            string.Create(CultureInfo.InvariantCulture, $"m={memorySizeKiB},t={iterations},p=1"),
            Convert.ToBase64String(salt),
            Convert.ToBase64String(subkey));

    /// <summary>
    /// Reads a stored hash into its parameters, <paramref name="salt"/> (<see cref="Argon2idKdf.SaltBytes"/>) and
    /// <paramref name="subkey"/> (<see cref="SubkeyBytes"/>). False for anything but the one spelling of this format.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> hash, out long memorySizeKiB, out long iterations, Span<byte> salt, Span<byte> subkey)
    {
        memorySizeKiB = 0;
        iterations = 0;
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        return hash.Length <= MaxEncodedLength
            && hash.Split(fields, '$') == FieldCount
            && hash[fields[0]].IsEmpty
            && hash[fields[1]].SequenceEqual(FormatMarker)
            && hash[fields[2]].SequenceEqual(Version)
            && TryParseParameters(hash[fields[3]], out memorySizeKiB, out iterations)
            && CanonicalBase64.TryDecodeExact(hash[fields[4]], salt)
            && CanonicalBase64.TryDecodeExact(hash[fields[5]], subkey);
    }

    /// <summary><c>m=…,t=…,p=1</c> in that order, each a positive decimal without sign, spaces or leading zeros.</summary>
    private static bool TryParseParameters(ReadOnlySpan<char> text, out long memorySizeKiB, out long iterations)
    {
        memorySizeKiB = 0;
        iterations = 0;
        Span<Range> parameters = stackalloc Range[ParameterCount + 1];
        return text.Split(parameters, ',') == ParameterCount
            && TryParseNumber(text[parameters[0]], "m=", out memorySizeKiB)
            && TryParseNumber(text[parameters[1]], "t=", out iterations)
            && text[parameters[2]].SequenceEqual("p=1");
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, string prefix, out long value)
    {
        value = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && (text = text[prefix.Length..]).Length is > 0 and <= MaxDigits
            && text[0] != '0'
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
