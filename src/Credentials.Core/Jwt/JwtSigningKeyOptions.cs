using System.ComponentModel.DataAnnotations;

namespace Credentials.Jwt;

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
    [EnumDataType(typeof(JwtKeyState), ErrorMessage = "{0} must be Pending, Active, Retiring or Retired.")]
    public JwtKeyState State { get; set; } = JwtKeyState.Active;

    /// <summary>
    /// Required for a <see cref="JwtKeyState.Retiring"/> key, and only for one: the instant it stops validating, e.g.
    /// <c>2026-03-08T12:00:30Z</c>. Set it no earlier than when the key stopped signing plus
    /// <see cref="JwtOptions.Lifetime"/> and <see cref="JwtOptions.ClockSkew"/>, so no token it signed is cut short.
    /// A fixed instant, so restarting the host does not move it.
    /// </summary>
    public DateTimeOffset? RetiresAt { get; set; }
}
