namespace Credentials.Jwt;

/// <summary>
/// JWT issuer, audience, lifetime and signing keys. Leave every setting empty when the host issues no JWTs; once any
/// is set, the whole section is validated when the host starts.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The smallest HS256 secret accepted: 256 bits, the size of the SHA-256 output (RFC 7518 section 3.2).</summary>
    public const int MinimumHmacSecretBytes = 32;

    /// <summary>The smallest RSA modulus accepted for RS256, in bits.</summary>
    public const int MinimumRsaKeyBits = 2048;

    /// <summary>The largest <see cref="ClockSkew"/> accepted: more would keep expired tokens alive noticeably.</summary>
    public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The <c>iss</c> claim written into every token and required of every token presented.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> claim written into every token and required of every token presented.</summary>
    public string? Audience { get; set; }

    /// <summary>How long an issued token stays valid. Default 7 days, as the login contract promises; at most 365 days.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Tolerance for clocks that disagree between issuer and validator, applied to <c>exp</c>, <c>nbf</c> and
    /// <c>iat</c>. Default 30 seconds; at most <see cref="MaximumClockSkew"/>.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tokens longer than this many characters are rejected before any decoding or parsing. Default 8 KiB.</summary>
    public int MaxTokenLength { get; set; } = 8 * 1024;

    /// <summary>
    /// The signing keys. Exactly one is <see cref="JwtKeyState.Active"/> (it signs new tokens); the others are
    /// published and accepted while <see cref="JwtKeyState.Pending"/> or <see cref="JwtKeyState.Retiring"/>.
    /// The algorithms of these keys are the only ones a token may use.
    /// </summary>
    public IList<JwtSigningKeyOptions> SigningKeys { get; } = new List<JwtSigningKeyOptions>();

    /// <summary>
    /// Development only: when no signing key is configured, generate an ES256 key at start. Tokens die with the
    /// process and every instance has its own key, so never turn this on in production. A warning is logged.
    /// </summary>
    public bool UseDevelopmentSigningKey { get; set; }

    /// <summary>
    /// How many validated tokens are remembered (by their SHA-256) so a token presented again skips the signature
    /// check. 0 turns the cache off. Default 10,000.
    /// </summary>
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>True when the host set anything in this section, so it means to issue or validate JWTs.</summary>
    internal bool IsConfigured =>
        Issuer is not null || Audience is not null || SigningKeys.Count > 0 || UseDevelopmentSigningKey;
}

/// <summary>
/// One signing key, from configuration: an HS256 secret, or an ES256 / RS256 key as PEM or as a JWK. A key given
/// without its private part can only validate, so it cannot be the active key.
/// </summary>
public sealed class JwtSigningKeyOptions
{
    /// <summary><c>HS256</c>, <c>ES256</c> or <c>RS256</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary>HS256 only: the secret, base64-encoded, at least <see cref="JwtOptions.MinimumHmacSecretBytes"/> random bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>ES256 / RS256: the key as PEM (PKCS#8, SEC1, PKCS#1 or a public SubjectPublicKeyInfo).</summary>
    public string? Pem { get; set; }

    /// <summary>The key as a JSON Web Key (RFC 7517): <c>oct</c> for HS256, <c>EC</c> P-256 for ES256, <c>RSA</c> for RS256.</summary>
    public string? Jwk { get; set; }

    /// <summary>The key's place in its life cycle when the host starts. Default <see cref="JwtKeyState.Active"/>.</summary>
    public JwtKeyState State { get; set; } = JwtKeyState.Active;

    /// <summary>
    /// Required for a <see cref="JwtKeyState.Retiring"/> key, and only for one: the instant it stops validating, e.g.
    /// <c>2026-03-08T12:00:30Z</c>. Set it no earlier than when the key stopped signing plus
    /// <see cref="JwtOptions.Lifetime"/> and <see cref="JwtOptions.ClockSkew"/>, so no token it signed is cut short.
    /// A fixed instant, so restarting the host does not move it.
    /// </summary>
    public DateTimeOffset? RetiresAt { get; set; }
}

/// <summary>Where a signing key is in its life: published before it signs, and kept after it signs until its tokens expire.</summary>
public enum JwtKeyState
{
    /// <summary>Published in the JWKS and accepted, but not yet signing: caches learn it before tokens carry it.</summary>
    Pending = 1,

    /// <summary>Signs new tokens (exactly one key is active) and validates.</summary>
    Active = 2,

    /// <summary>No longer signs; validates the tokens it signed until its retirement instant, then counts as retired.</summary>
    Retiring = 3,

    /// <summary>Neither signs nor validates, and is not published.</summary>
    Retired = 4,
}
