using System.Security.Cryptography;
using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Secrets;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Benchmarks.Jwt;

/// <summary>One algorithm's keys, our issuer and validator, and the equivalent IdentityModel parameters.</summary>
public sealed class JwtBenchmarkSetup
{
    public const string Issuer = "https://login.example.test";
    public const string Audience = "example-api";

    public static readonly JwtSubject User = new()
    {
        Id = "user-1",
        Name = "alice",
        Email = "alice@example.test",
        Permissions = ["api.keys.create", "api.keys.read"],
    };

    public JwtBenchmarkSetup(string algorithm, int cacheSize = 0)
    {
        Algorithm = algorithm;
        var options = new CredentialsOptions();
        options.Jwt.Issuer = Issuer;
        options.Jwt.Audience = Audience;
        options.Jwt.ValidatedTokenCacheSize = cacheSize;
        var keyOptions = new JwtSigningKeyOptions { Algorithm = algorithm };
        switch (algorithm)
        {
            case "HS256":
                HmacSecret = RandomNumberGenerator.GetBytes(32);
                keyOptions.Secret = Convert.ToBase64String(HmacSecret);
                SecurityKey = new SymmetricSecurityKey(HmacSecret);
                PeerKey = HmacSecret;
                break;
            case "ES256":
                Ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                keyOptions.Pem = Ecdsa.ExportPkcs8PrivateKeyPem();
                SecurityKey = new ECDsaSecurityKey(Ecdsa);
                PeerKey = Ecdsa;
                break;
            default:
                Rsa = RSA.Create(2048);
                keyOptions.Pem = Rsa.ExportPkcs8PrivateKeyPem();
                SecurityKey = new RsaSecurityKey(Rsa);
                PeerKey = Rsa;
                break;
        }

        options.Jwt.SigningKeys.Add(keyOptions);
        var wrapped = Options.Create(options);
        Ring = new JwtKeyRing(options.Jwt, TimeProvider.System);
        SecurityKey.KeyId = Ring.CurrentKeyId;
        var metrics = new CredentialsMetrics();
        TokenIssuer = new JwtIssuer(wrapped, Ring, CryptoSecretRandom.Instance, metrics);
        Validator = new JwtValidator(wrapped, Ring, metrics);
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = SecurityKey,
            ValidAlgorithms = [algorithm],
            ValidTypes = ["JWT"],
        };
        SigningCredentials = new SigningCredentials(SecurityKey, algorithm);
        Token = TokenIssuer.Issue(User).Token;
    }

    public string Algorithm { get; }

    public byte[]? HmacSecret { get; }

    public ECDsa? Ecdsa { get; }

    public RSA? Rsa { get; }

    /// <summary>The key in the shape jose-jwt takes (byte[], ECDsa or RSA).</summary>
    public object PeerKey { get; }

    public SecurityKey SecurityKey { get; }

    public SigningCredentials SigningCredentials { get; }

    public JwtKeyRing Ring { get; }

    public IJwtIssuer TokenIssuer { get; }

    public IJwtValidator Validator { get; }

    public TokenValidationParameters Parameters { get; }

    /// <summary>A valid token issued by our issuer.</summary>
    public string Token { get; }

    /// <summary>The same claims our issuer writes, for the raw handlers.</summary>
    public SecurityTokenDescriptor Descriptor()
    {
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddDays(7),
            TokenType = "JWT",
            SigningCredentials = SigningCredentials,
            Claims = PeerClaims(),
        };
    }

    /// <summary>The claims for libraries that take a dictionary; times are NumericDates.</summary>
    public static Dictionary<string, object> PeerClaims(bool withTimes = false)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = User.Id,
            ["name"] = User.Name,
            ["email"] = User.Email!,
            ["permissions"] = User.Permissions.ToArray(),
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (withTimes)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            claims["iss"] = Issuer;
            claims["aud"] = Audience;
            claims["iat"] = now;
            claims["nbf"] = now;
            claims["exp"] = now + (7 * 24 * 3600);
        }

        return claims;
    }
}
