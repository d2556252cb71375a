using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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
    [Required(ErrorMessage = "{0} is required: the iss claim every token carries and must match.")]
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> claim written into every token and required of every token presented.</summary>
    [Required(ErrorMessage = "{0} is required: the aud claim every token carries and must match.")]
    public string? Audience { get; set; }

    /// <summary>How long an issued token stays valid. Default 7 days, as the login contract promises; at most 365 days.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Tolerance for clocks that disagree between issuer and validator, applied to <c>exp</c>, <c>nbf</c> and
    /// <c>iat</c>. Default 30 seconds; at most <see cref="MaximumClockSkew"/>.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tokens longer than this many characters are rejected before any decoding or parsing. Default 8 KiB.</summary>
    [Range(256, 65_536)]
    public int MaxTokenLength { get; set; } = 8 * 1024;

    /// <summary>
    /// The signing keys. Exactly one is <see cref="JwtKeyState.Active"/> (it signs new tokens); the others are
    /// published and accepted while <see cref="JwtKeyState.Pending"/> or <see cref="JwtKeyState.Retiring"/>.
    /// The algorithms of these keys are the only ones a token may use.
    /// </summary>
    [ValidateEnumeratedItems]
    public IList<JwtSigningKeyOptions> SigningKeys { get; } = new List<JwtSigningKeyOptions>();

    /// <summary>
    /// Development only: when no signing key is configured, generate an ES256 key at start. Tokens die with the
    /// process and every instance has its own key, so never turn this on in production. A warning is logged.
    /// </summary>
    public bool UseDevelopmentSigningKey { get; set; }

    /// <summary>
    /// Automatic key management: keys made, rotated and deleted in a shared store instead of listed in
    /// <see cref="SigningKeys"/>. Off unless <c>UseManagedSigningKeys()</c> or <see cref="ManagedSigningKeyOptions.Enabled"/> turns it on.
    /// </summary>
    public ManagedSigningKeyOptions ManagedSigningKeys { get; } = new();

    /// <summary>
    /// How many validated tokens are remembered (by their SHA-256) so a token presented again skips the signature
    /// check. 0 turns the cache off. Default 10,000.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>True when the host set anything in this section, so it means to issue or validate JWTs.</summary>
    internal bool IsConfigured =>
        Issuer is not null || Audience is not null || SigningKeys.Count > 0 || UseDevelopmentSigningKey || ManagedSigningKeys.Enabled;
}
