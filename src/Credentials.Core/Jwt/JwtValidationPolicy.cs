using System.Text;

namespace Credentials.Jwt;

/// <summary>What a token must satisfy, read once from the options.</summary>
internal sealed record JwtValidationPolicy(byte[] Issuer, byte[]? Audience, long ClockSkewMs, int MaxTokenLength, bool RequireType, bool ValidateLifetime)
{
    public static JwtValidationPolicy From(JwtOptions options) => new(
        Encoding.UTF8.GetBytes(options.Issuer ?? string.Empty),
        Encoding.UTF8.GetBytes(options.Audience ?? string.Empty),
        (long)options.ClockSkew.TotalMilliseconds,
        options.MaxTokenLength,
        RequireType: true,
        ValidateLifetime: true);

    /// <summary>Null when the claims read satisfy the policy at <paramref name="nowMs"/>; else the first reason they do not.</summary>
    public JwtValidationFailure? CheckClaims(bool issuerOk, bool audienceOk, double? expires, double? notBefore, double? issuedAt, long nowMs)
    {
        if (!issuerOk)
        {
            return JwtValidationFailure.InvalidIssuer;
        }

        if (!audienceOk && Audience is not null)
        {
            return JwtValidationFailure.InvalidAudience;
        }

        if (!ValidateLifetime)
        {
            return null;
        }

        if (expires is not { } exp)
        {
            return JwtValidationFailure.MissingExpiration;
        }

        // RFC 7519 section 4.1.4: the current time must be before exp, so exp equal to now is expired.
        var now = nowMs / 1000.0;
        var skew = ClockSkewMs / 1000.0;
        if (now >= exp + skew)
        {
            return JwtValidationFailure.Expired;
        }

        if (notBefore > now + skew || issuedAt > now + skew)
        {
            return JwtValidationFailure.NotYetValid;
        }

        return null;
    }
}
