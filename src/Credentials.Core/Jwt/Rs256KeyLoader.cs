using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>Loads an RS256 key of at least <see cref="JwtOptions.MinimumRsaKeyBits"/> bits from PEM or an <c>RSA</c> JWK.</summary>
internal static class Rs256KeyLoader
{
    /// <summary>Null when loaded; else what is wrong with <paramref name="setting"/>.</summary>
    public static string? Load(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key)
    {
        key = null;
        var rsa = RSA.Create();
        bool hasPrivateKey;
        if (options.Pem is not null)
        {
            rsa.ImportFromPem(options.Pem);
            hasPrivateKey = options.Pem.Contains("PRIVATE KEY", StringComparison.Ordinal);
        }
        else if (options.Jwk is not null)
        {
            using var jwk = JsonDocument.Parse(options.Jwk);
            if (JwkMembers.Get(jwk, "kty") != "RSA" || JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "n")) is not { } n ||
                JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "e")) is not { } e)
            {
                rsa.Dispose();
                return $"{setting}:Jwk must be an \"RSA\" JWK with \"n\" and \"e\" for RS256.";
            }

            var parameters = new RSAParameters { Modulus = n, Exponent = e };
            hasPrivateKey = JwkMembers.Get(jwk, "d") is not null;
            if (hasPrivateKey)
            {
                parameters.D = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "d"));
                parameters.P = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "p"));
                parameters.Q = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "q"));
                parameters.DP = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "dp"));
                parameters.DQ = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "dq"));
                parameters.InverseQ = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "qi"));
            }

            rsa.ImportParameters(parameters);
        }
        else
        {
            rsa.Dispose();
            return $"{setting}:Pem or Jwk is required for RS256.";
        }

        if (rsa.KeySize < JwtOptions.MinimumRsaKeyBits)
        {
            var bits = rsa.KeySize;
            rsa.Dispose();
            return $"{setting} must be an RSA key of at least {JwtOptions.MinimumRsaKeyBits} bits for RS256; it has {bits}.";
        }

        key = FromRsa(rsa, hasPrivateKey);
        return null;
    }

    public static JwtSigningKey FromRsa(RSA rsa, bool hasPrivateKey)
    {
        var publicParameters = rsa.ExportParameters(false);
        var modulus = JoseBase64Url.Encode(publicParameters.Modulus!);
        var exponent = JoseBase64Url.Encode(publicParameters.Exponent!);
        return new JwtSigningKey(
            JwsAlgorithm.RS256,
            new RsaSecurityKey(rsa),
            JwkThumbprint.ForRsa(modulus, exponent),
            hasPrivateKey,
            publicParameters.Modulus!.Length,
            [new("kty", "RSA"), new("n", modulus), new("e", exponent)]);
    }
}
