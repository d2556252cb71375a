using System.Diagnostics.CodeAnalysis;

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

/// <summary>The claims of a validated JWT. It never holds the token itself.</summary>
public sealed class ValidatedJwt
{
    /// <summary>The <c>sub</c> claim: the user's id.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>name</c> claim: the username.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>email</c> claim, where the token carries one.</summary>
    public string? Email { get; init; }

    /// <summary>The <c>permissions</c> claim.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>The <c>jti</c> claim: the token's unique id.</summary>
    public string? TokenId { get; init; }

    /// <summary>The <c>kid</c> of the key that signed the token.</summary>
    public required string KeyId { get; init; }

    /// <summary>The <c>iat</c> claim, where present.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The <c>exp</c> claim.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>The outcome of <see cref="IJwtValidator.Validate"/>: the token's claims, or why it was rejected.</summary>
public sealed class JwtValidationResult
{
    private static readonly JwtValidationResult[] Failures =
        [.. Enum.GetValues<JwtValidationFailure>().Select(f => new JwtValidationResult(null, f))];

    private JwtValidationResult(ValidatedJwt? token, JwtValidationFailure? failure)
    {
        Token = token;
        Failure = failure;
    }

    /// <summary>True when the token is valid; <see cref="Token"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Token is not null;

    /// <summary>The validated claims, when <see cref="Succeeded"/>.</summary>
    public ValidatedJwt? Token { get; }

    /// <summary>Why the token was rejected, when it was.</summary>
    public JwtValidationFailure? Failure { get; }

    /// <summary>A valid token.</summary>
    public static JwtValidationResult Success(ValidatedJwt token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new JwtValidationResult(token, null);
    }

    /// <summary>A rejected token. Results for a reason are shared instances: rejecting allocates nothing.</summary>
    public static JwtValidationResult Failed(JwtValidationFailure failure) =>
        (int)failure is > 0 and var i && i <= Failures.Length ? Failures[i - 1] : new JwtValidationResult(null, failure);
}

/// <summary>Validates JWTs issued under the configured issuer, audience and key ring.</summary>
public interface IJwtValidator
{
    /// <summary>
    /// Validates <paramref name="token"/> (the compact JWS, without a <c>Bearer</c> prefix). Never throws for a bad
    /// token: every failure is a <see cref="JwtValidationResult.Failure"/> reason.
    /// </summary>
    JwtValidationResult Validate(string? token);
}
