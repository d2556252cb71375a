using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>Loads an HS256 key from a base64 <c>Secret</c> or an <c>oct</c> JWK.</summary>
internal static class Hs256KeyLoader
{
    /// <summary>Null when loaded; else what is wrong with <paramref name="setting"/>.</summary>
    public static string? Load(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key)
    {
        key = null;
        byte[]? secret;
        if (options.Jwk is not null)
        {
            using var jwk = JsonDocument.Parse(options.Jwk);
            if (JwkMembers.Get(jwk, "kty") != "oct" || JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "k")) is not { } k)
            {
                return $"{setting}:Jwk must be an \"oct\" JWK with a base64url \"k\" for HS256.";
            }

            secret = k;
        }
        else if (options.Secret is not null)
        {
            secret = new byte[options.Secret.Length];
            if (!Convert.TryFromBase64String(options.Secret, secret, out var written))
            {
                return $"{setting}:Secret must be base64 (generate one with: openssl rand -base64 32).";
            }

            secret = secret[..written];
        }
        else
        {
            return $"{setting}:Secret or Jwk is required for HS256; Pem is for ES256 and RS256.";
        }

        if (secret.Length < JwtOptions.MinimumHmacSecretBytes)
        {
            return $"{setting}:Secret must be at least {JwtOptions.MinimumHmacSecretBytes} bytes (256 bits) of random data, base64-encoded; it has {secret.Length}.";
        }

        key = new JwtSigningKey(
            JwsAlgorithm.HS256, new SymmetricSecurityKey(secret), JwkThumbprint.ForOctet(JoseBase64Url.Encode(secret)), hasPrivateKey: true, 32, []);
        return null;
    }
}
