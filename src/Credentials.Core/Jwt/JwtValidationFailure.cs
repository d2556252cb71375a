namespace Credentials.Jwt;

/// <summary>Why a JWT was rejected. Each check fails with its own reason; none throws.</summary>
public enum JwtValidationFailure
{
    /// <summary>Not three base64url parts, not decodable, or not a JSON object; or a claim has the wrong JSON type.</summary>
    Malformed = 1,

    /// <summary>Longer than <see cref="JwtOptions.MaxTokenLength"/>; rejected before any decoding.</summary>
    TooLarge = 2,

    /// <summary>Decodable, but not the one canonical base64url spelling (padding, standard-base64 characters, non-zero unused bits).</summary>
    NonCanonicalEncoding = 3,

    /// <summary>The header or the claims name a member twice, so two parsers could read two different tokens.</summary>
    DuplicateMember = 4,

    /// <summary>The <c>alg</c> is missing or not one of the ring's algorithms (<c>none</c>, in any letter case, never is).</summary>
    AlgorithmNotAllowed = 5,

    /// <summary>The header lists <c>crit</c> extensions, none of which this library understands (RFC 7515 section 4.1.11).</summary>
    UnsupportedCriticalHeader = 6,

    /// <summary>The <c>typ</c> header is missing or is not <c>JWT</c>.</summary>
    InvalidType = 7,

    /// <summary>The <c>kid</c> is missing or names no key in the ring. No other key is tried.</summary>
    UnknownKey = 8,

    /// <summary>The <c>kid</c> names a retired key.</summary>
    KeyRetired = 9,

    /// <summary>The <c>alg</c> is not the algorithm of the key <c>kid</c> names (for example HS256 with an ES256 or RS256 key).</summary>
    AlgorithmMismatch = 10,

    /// <summary>The signature does not verify: the header, the claims or the signature were altered, or another key signed.</summary>
    InvalidSignature = 11,

    /// <summary>The <c>iss</c> claim is missing or is not the configured issuer.</summary>
    InvalidIssuer = 12,

    /// <summary>The <c>aud</c> claim is missing or does not include the configured audience.</summary>
    InvalidAudience = 13,

    /// <summary>The token has no <c>exp</c> claim.</summary>
    MissingExpiration = 14,

    /// <summary>The current time is at or past <c>exp</c> (plus the clock skew).</summary>
    Expired = 15,

    /// <summary>The <c>nbf</c> or <c>iat</c> claim lies in the future (beyond the clock skew).</summary>
    NotYetValid = 16,

    /// <summary>The host set none of <c>Credentials:Jwt</c>, so it takes no JWTs: every token is rejected, unread.</summary>
    NotConfigured = 17,
}
