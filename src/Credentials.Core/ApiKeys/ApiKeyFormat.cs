using Credentials.Secrets;

namespace Credentials.ApiKeys;

/// <summary>
/// The text form of an API key: <c>prefix + base62 secret + 6-char base62 CRC-32 of (prefix + secret)</c>.
/// <see cref="IsWellFormed"/> rejects typos and random strings by shape alone, before any hashing or store call.
/// </summary>
internal sealed class ApiKeyFormat
{
    public const int MaxPrefixLength = 16;

    /// <summary>62^6 > 2^32, so six base62 digits hold any CRC-32.</summary>
    public const int ChecksumLength = 6;

    /// <summary>
    /// How many of a key's last characters its <see cref="ApiKey.Hint"/> shows: the tail of the checksum, which is what a
    /// person sees at the end of the key. Four base62 characters carry at most 23.9 bits, so the secret keeps at least
    /// 232 of its 256 bits (DESIGN.md, "The key's hint").
    /// </summary>
    public const int HintLength = 4;

    private readonly string _prefix;

    public ApiKeyFormat(ApiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _prefix = options.Prefix;
        SecretLength = SecretEncoding.Base62LengthFor(options.SecretBits);
        Length = _prefix.Length + SecretLength + ChecksumLength;
    }

    public string Prefix => _prefix;

    public int SecretLength { get; }

    /// <summary>The exact length of every key of this format.</summary>
    public int Length { get; }

    /// <summary>True for 1 to 16 lowercase ASCII letters, digits or underscores ending in an underscore.</summary>
    public static bool IsValidPrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength || prefix[^1] != '_')
        {
            return false;
        }

        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Draws a new key from <paramref name="random"/>.</summary>
    public string Render(ISecretRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return string.Create(Length, (Format: this, Random: random), static (key, state) =>
        {
            var prefixLength = state.Format._prefix.Length;
            state.Format._prefix.AsSpan().CopyTo(key);
            SecretEncoding.FillRandomBase62(state.Random, key.Slice(prefixLength, state.Format.SecretLength));
            var body = key[..^ChecksumLength];
            SecretEncoding.WriteBase62(Crc32.OfAscii(body), key[^ChecksumLength..]);
        });
    }

    /// <summary>The non-secret hint stored for <paramref name="key"/>: its last <see cref="HintLength"/> characters.</summary>
    public static string HintOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key[^HintLength..];
    }

    /// <summary>
    /// Prefix, exact length, alphabet and checksum; never throws, never hashes. Case matters: a key with one letter's
    /// case changed is a different (and, by its checksum, malformed) key.
    /// </summary>
    public bool IsWellFormed(ReadOnlySpan<char> key)
    {
        if (key.Length != Length || !key.StartsWith(_prefix, StringComparison.Ordinal) || !SecretEncoding.IsBase62(key[_prefix.Length..]))
        {
            return false;
        }

        Span<char> checksum = stackalloc char[ChecksumLength];
        SecretEncoding.WriteBase62(Crc32.OfAscii(key[..^ChecksumLength]), checksum);
        return key[^ChecksumLength..].SequenceEqual(checksum);
    }
}
