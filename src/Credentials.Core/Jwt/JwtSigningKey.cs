using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>The JWS algorithms the library signs and validates with (RFC 7518 section 3.1).</summary>
internal enum JwsAlgorithm
{
    HS256 = 1,
    ES256 = 2,
    RS256 = 3,
}

/// <summary>
/// One loaded signing key: its algorithm, RFC 7638 <c>kid</c>, the IdentityModel key and signature providers, and
/// its public JWK members for the JWKS. Built from configuration by <see cref="TryLoad"/>, which reports problems
/// as messages for start-up validation instead of throwing.
/// </summary>
internal sealed class JwtSigningKey
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private JwtSigningKey(JwsAlgorithm algorithm, SecurityKey key, string keyId, bool hasPrivateKey, int signatureLength, KeyValuePair<string, string>[] publicMembers)
    {
        Algorithm = algorithm;
        AlgorithmName = algorithm.ToString();
        KeyId = keyId;
        KeyIdUtf8 = Encoding.UTF8.GetBytes(keyId);
        key.KeyId = keyId;
        SecurityKey = key;
        HasPrivateKey = hasPrivateKey;
        SignatureLength = signatureLength;
        PublicMembers = publicMembers;
        Verifier = key.CryptoProviderFactory.CreateForVerifying(key, AlgorithmName);
        SigningCredentials = hasPrivateKey ? new SigningCredentials(key, AlgorithmName) : null;
    }

    public JwsAlgorithm Algorithm { get; }

    /// <summary>The <c>alg</c> header value, e.g. <c>ES256</c>.</summary>
    public string AlgorithmName { get; }

    /// <summary>The RFC 7638 thumbprint of the key.</summary>
    public string KeyId { get; }

    public byte[] KeyIdUtf8 { get; }

    public SecurityKey SecurityKey { get; }

    public bool HasPrivateKey { get; }

    /// <summary>The exact length of a valid signature in bytes (32 for HS256, 64 for ES256, the modulus size for RS256).</summary>
    public int SignatureLength { get; }

    /// <summary>JWK members of the public key (<c>kty</c>, <c>crv</c>/<c>x</c>/<c>y</c> or <c>n</c>/<c>e</c>); empty for HMAC keys, which are never published.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PublicMembers { get; }

    public SignatureProvider Verifier { get; }

    /// <summary>Null when only the public key is known.</summary>
    public SigningCredentials? SigningCredentials { get; }

    /// <summary>An ES256 key made now, for <see cref="JwtOptions.UseDevelopmentSigningKey"/>.</summary>
    public static JwtSigningKey CreateDevelopmentKey() => FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), hasPrivateKey: true);

    /// <summary>Loads a configured key; on failure <paramref name="error"/> says what is wrong with the named setting.</summary>
    public static bool TryLoad(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key, out string? error)
    {
        key = null;
        error = null;
        var sources = (options.Secret is null ? 0 : 1) + (options.Pem is null ? 0 : 1) + (options.Jwk is null ? 0 : 1);
        if (sources != 1)
        {
            error = $"{setting} must set exactly one of Secret (HS256), Pem or Jwk.";
            return false;
        }

        try
        {
            error = options.Algorithm switch
            {
                "HS256" => LoadHmac(options, setting, out key),
                "ES256" => LoadEcdsa(options, setting, out key),
                "RS256" => LoadRsa(options, setting, out key),
                _ => $"{setting}:Algorithm must be HS256, ES256 or RS256.",
            };
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or JsonException or FormatException)
        {
            // The exception text may quote key material, so it is not passed on.
            error = $"{setting} could not be read as a {options.Algorithm} key.";
        }

        return error is null;
    }

    private static string? LoadHmac(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key)
    {
        key = null;
        byte[]? secret;
        if (options.Jwk is not null)
        {
            using var jwk = JsonDocument.Parse(options.Jwk);
            if (Member(jwk, "kty") != "oct" || JoseBase64Url.DecodeOrNull(Member(jwk, "k")) is not { } k)
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

    private static string? LoadEcdsa(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key)
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
            if (Member(jwk, "kty") != "EC" || Member(jwk, "crv") != "P-256" ||
                JoseBase64Url.DecodeOrNull(Member(jwk, "x")) is not { Length: 32 } x ||
                JoseBase64Url.DecodeOrNull(Member(jwk, "y")) is not { Length: 32 } y)
            {
                ecdsa.Dispose();
                return $"{setting}:Jwk must be an \"EC\" JWK on curve \"P-256\" with 32-byte \"x\" and \"y\" for ES256.";
            }

            var d = JoseBase64Url.DecodeOrNull(Member(jwk, "d"));
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

    private static string? LoadRsa(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key)
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
            if (Member(jwk, "kty") != "RSA" || JoseBase64Url.DecodeOrNull(Member(jwk, "n")) is not { } n ||
                JoseBase64Url.DecodeOrNull(Member(jwk, "e")) is not { } e)
            {
                rsa.Dispose();
                return $"{setting}:Jwk must be an \"RSA\" JWK with \"n\" and \"e\" for RS256.";
            }

            var parameters = new RSAParameters { Modulus = n, Exponent = e };
            hasPrivateKey = Member(jwk, "d") is not null;
            if (hasPrivateKey)
            {
                parameters.D = JoseBase64Url.DecodeOrNull(Member(jwk, "d"));
                parameters.P = JoseBase64Url.DecodeOrNull(Member(jwk, "p"));
                parameters.Q = JoseBase64Url.DecodeOrNull(Member(jwk, "q"));
                parameters.DP = JoseBase64Url.DecodeOrNull(Member(jwk, "dp"));
                parameters.DQ = JoseBase64Url.DecodeOrNull(Member(jwk, "dq"));
                parameters.InverseQ = JoseBase64Url.DecodeOrNull(Member(jwk, "qi"));
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

        var publicParameters = rsa.ExportParameters(false);
        var modulus = JoseBase64Url.Encode(publicParameters.Modulus!);
        var exponent = JoseBase64Url.Encode(publicParameters.Exponent!);
        key = new JwtSigningKey(
            JwsAlgorithm.RS256,
            new RsaSecurityKey(rsa),
            JwkThumbprint.ForRsa(modulus, exponent),
            hasPrivateKey,
            publicParameters.Modulus!.Length,
            [new("kty", "RSA"), new("n", modulus), new("e", exponent)]);
        return null;
    }

    private static JwtSigningKey FromEcdsa(ECDsa ecdsa, bool hasPrivateKey)
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

    private static string? Member(JsonDocument jwk, string name) =>
        jwk.RootElement.ValueKind == JsonValueKind.Object &&
        jwk.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
