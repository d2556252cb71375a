using System.Security.Cryptography;
using System.Text;
using Credentials.Jwt;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Core.Tests.Jwt;

/// <summary>Keys, hosts and hand-made tokens for the JWT tests.</summary>
internal static class JwtTestKit
{
    public const string Issuer = "https://login.example.test";
    public const string Audience = "example-api";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly byte[] HmacSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    public static readonly ECDsa EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static readonly ECDsa OtherEcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static readonly RSA RsaKey = RSA.Create(2048);

    public static readonly JwtSubject Alice = new()
    {
        Id = "user-1",
        Name = "alice",
        Email = "alice@example.test",
        Permissions = ["api.keys.create", "api.keys.read"],
    };

    /// <summary>When a <see cref="JwtKeyState.Retiring"/> test key retires: the default lifetime and skew after <see cref="Start"/>.</summary>
    public static readonly DateTimeOffset RetiresAt = Start + TimeSpan.FromDays(7) + TimeSpan.FromSeconds(30);

    public static JwtSigningKeyOptions Key(string algorithm, JwtKeyState state = JwtKeyState.Active)
    {
        var key = algorithm switch
        {
            "HS256" => new JwtSigningKeyOptions { Algorithm = "HS256", Secret = Convert.ToBase64String(HmacSecret) },
            "ES256" => new JwtSigningKeyOptions { Algorithm = "ES256", Pem = EcKey.ExportPkcs8PrivateKeyPem() },
            "RS256" => new JwtSigningKeyOptions { Algorithm = "RS256", Pem = RsaKey.ExportPkcs8PrivateKeyPem() },
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        key.State = state;
        key.RetiresAt = state == JwtKeyState.Retiring ? RetiresAt : null;
        return key;
    }

    public static ServiceProvider Host(FakeTimeProvider time, Action<JwtOptions>? configure = null, IUserAuthenticator? authenticator = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        if (authenticator is not null)
        {
            services.AddSingleton(authenticator);
        }

        services.AddCredentials(o =>
        {
            o.Jwt.Issuer = Issuer;
            o.Jwt.Audience = Audience;
            configure?.Invoke(o.Jwt);
        });
        return services.BuildServiceProvider();
    }

    public static ServiceProvider Host(FakeTimeProvider time, string algorithm) =>
        Host(time, o => o.SigningKeys.Add(Key(algorithm)));

    public static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>A token put together by hand, signed by <paramref name="sign"/> over the exact header and payload texts.</summary>
    public static string Forge(string header, string payload, Func<byte[], byte[]> sign)
    {
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(input)));
    }

    public static Func<byte[], byte[]> Signer(string algorithm) => algorithm switch
    {
        "HS256" => HmacWith(HmacSecret),
        "ES256" => data => EcKey.SignData(data, HashAlgorithmName.SHA256),
        "RS256" => data => RsaKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static Func<byte[], byte[]> HmacWith(byte[] key) => data => HMACSHA256.HashData(key, data);

    public static string Header(string algorithm, string kid) => $$"""{"alg":"{{algorithm}}","kid":"{{kid}}","typ":"JWT"}""";

    /// <summary>Claims that pass every check at <paramref name="now"/>.</summary>
    public static string Claims(DateTimeOffset now, string? extra = null)
    {
        var t = now.ToUnixTimeSeconds();
        return $$"""{"sub":"user-1","name":"alice","iss":"{{Issuer}}","aud":"{{Audience}}","iat":{{t}},"nbf":{{t}},"exp":{{t + 3600}}{{extra}}}""";
    }
}
