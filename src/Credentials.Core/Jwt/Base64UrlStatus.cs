namespace Credentials.Jwt;

/// <summary>The outcome of a strict base64url decode.</summary>
internal enum Base64UrlStatus
{
    Decoded,

    /// <summary>A character outside the base64url alphabet, or an impossible length.</summary>
    Invalid,

    /// <summary>Padding, or non-zero unused bits in the last character: decodable, but not the one canonical form.</summary>
    NonCanonical,
}
