using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>Loads an ES256 key (P-256) from PEM or an <c>EC</c> JWK.</summary>
internal static class Es256KeyLoader
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Null when loaded; else what is wrong with <paramref name="setting"/>.</summary>
    public static string? Load(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key)
    {
        key = null;
        var ecdsa = ECDsa.Create();
        bool hasPrivateKey;
        if (options.Pem is not null)
        {
            ecdsa.ImportFromPem(options.Pem);
            hasPrivateKey = options.Pem.Contains("PRIVATE KEY", StringComparison.Ordinal);
        }
        else if (options.Jwk is not null)
        {
            using var jwk = JsonDocument.Parse(options.Jwk);
            if (JwkMembers.Get(jwk, "kty") != "EC" || JwkMembers.Get(jwk, "crv") != "P-256" ||
                JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "x")) is not { Length: 32 } x ||
                JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "y")) is not { Length: 32 } y)
            {
                ecdsa.Dispose();
                return $"{setting}:Jwk must be an \"EC\" JWK on curve \"P-256\" with 32-byte \"x\" and \"y\" for ES256.";
            }

            var d = JoseBase64Url.DecodeOrNull(JwkMembers.Get(jwk, "d"));
            hasPrivateKey = d is not null;
            ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y }, D = d });
        }
        else
        {
            ecdsa.Dispose();
            return $"{setting}:Pem or Jwk is required for ES256.";
        }

        var curve = ecdsa.ExportParameters(false).Curve.Oid;
        if (curve.Value != P256Oid && curve.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            ecdsa.Dispose();
            return $"{setting} must be a P-256 key for ES256.";
        }

        key = FromEcdsa(ecdsa, hasPrivateKey);
        return null;
    }

    public static JwtSigningKey FromEcdsa(ECDsa ecdsa, bool hasPrivateKey)
    {
        var q = ecdsa.ExportParameters(false).Q;
        var x = JoseBase64Url.Encode(q.X!);
        var y = JoseBase64Url.Encode(q.Y!);
        return new JwtSigningKey(
            JwsAlgorithm.ES256,
            new ECDsaSecurityKey(ecdsa),
            JwkThumbprint.ForEc("P-256", x, y),
            hasPrivateKey,
            64,
            [new("kty", "EC"), new("crv", "P-256"), new("x", x), new("y", y)]);
    }
}
