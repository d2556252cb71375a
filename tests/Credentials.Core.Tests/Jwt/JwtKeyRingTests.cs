using System.Text.Json;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Jwt;

public class JwtKeyRingTests
{
    // RFC 7638 section 3.1: the example RSA key and its thumbprint (quoted by many public test suites, e.g. jose libraries).
    private const string Rfc7638Modulus =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    private const string Rfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void Thumbprint_Rfc7638Example_MatchesTheRfc() =>
        JwkThumbprint.ForRsa(Rfc7638Modulus, "AQAB").Should().Be(Rfc7638Thumbprint);

    [Fact]
    public void AddKey_Rfc7638ExampleJwk_GetsTheThumbprintAsKid()
    {
        using var host = Host(_time, "ES256");
        var ring = host.GetRequiredService<JwtKeyRing>();

        var kid = ring.AddKey(new JwtSigningKeyOptions
        {
            Algorithm = "RS256",
            Jwk = $$"""{"kty":"RSA","n":"{{Rfc7638Modulus}}","e":"AQAB","alg":"RS256","kid":"2011-04-29"}""",
        });

        kid.Should().Be(Rfc7638Thumbprint);
    }

    [Fact]
    public void KeyId_SameKeyFromPemOrJwk_IsTheSame()
    {
        var q = EcKey.ExportParameters(true);
        var jwk = $$"""{"kty":"EC","crv":"P-256","x":"{{JoseBase64Url.Encode(q.Q.X!)}}","y":"{{JoseBase64Url.Encode(q.Q.Y!)}}","d":"{{JoseBase64Url.Encode(q.D!)}}"}""";

        JwtSigningKeyLoader.TryLoad(Key("ES256"), "k", out var fromPem, out _).Should().BeTrue();
        JwtSigningKeyLoader.TryLoad(new JwtSigningKeyOptions { Algorithm = "ES256", Jwk = jwk }, "k", out var fromJwk, out _).Should().BeTrue();

        fromJwk!.KeyId.Should().Be(fromPem!.KeyId).And.MatchRegex("^[A-Za-z0-9_-]{43}$");
    }

    [Fact]
    public void Rotation_OldTokensValidUntilTheOldKeyIsRetired()
    {
        using var host = Host(_time, "ES256");
        var ring = host.GetRequiredService<JwtKeyRing>();
        var issuer = host.GetRequiredService<IJwtIssuer>();
        var validator = host.GetRequiredService<IJwtValidator>();
        var key1 = ring.CurrentKeyId;
        var oldToken = issuer.Issue(Alice);
        validator.Validate(oldToken.Token).Succeeded.Should().BeTrue();

        var key2 = ring.AddKey(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = OtherEcKey.ExportPkcs8PrivateKeyPem() });
        ring.CurrentKeyId.Should().Be(key1, "a pending key does not sign yet");
        ring.Activate(key2);
        var newToken = issuer.Issue(Alice);

        newToken.KeyId.Should().Be(key2);
        ring.GetKeys().Should().Contain([new JwtKeyInfo(key1, "ES256", JwtKeyState.Retiring), new JwtKeyInfo(key2, "ES256", JwtKeyState.Active)]);
        validator.Validate(oldToken.Token).Succeeded.Should().BeTrue("rotation logs nobody out");
        validator.Validate(newToken.Token).Succeeded.Should().BeTrue();

        ring.Retire(key1);

        validator.Validate(oldToken.Token).Failure.Should().Be(JwtValidationFailure.KeyRetired, "a cached validation does not outlive its key");
        validator.Validate(newToken.Token).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Retiring_AtRetiresAt_CountsAsRetired()
    {
        using var host = Host(_time, o =>
        {
            o.SigningKeys.Add(Key("ES256", JwtKeyState.Retiring));
            o.SigningKeys.Add(Key("HS256"));
        });
        var ring = host.GetRequiredService<JwtKeyRing>();

        ring.GetKeys().Single(k => k.Algorithm == "ES256").State.Should().Be(JwtKeyState.Retiring);
        _time.SetUtcNow(RetiresAt);

        ring.GetKeys().Single(k => k.Algorithm == "ES256").State.Should().Be(JwtKeyState.Retired);
        ring.ExportJwks().Should().NotContain("\"EC\"");
    }

    [Fact]
    public void Validate_HostRestartsAfterRetiresAt_KeyStaysRetired()
    {
        var token = TokenSignedByEs256();
        using var before = Host(_time, RetiringEs256(Start.AddDays(1)));
        before.GetRequiredService<IJwtValidator>().Validate(token).Succeeded.Should().BeTrue();

        _time.Advance(TimeSpan.FromDays(1));
        using var restarted = Host(_time, RetiringEs256(Start.AddDays(1)));

        before.GetRequiredService<IJwtValidator>().Validate(token).Failure.Should().Be(JwtValidationFailure.KeyRetired, "a cached validation does not outlive its key");
        restarted.GetRequiredService<IJwtValidator>().Validate(token).Failure.Should().Be(JwtValidationFailure.KeyRetired, "a restart does not move the retirement");
        restarted.GetRequiredService<JwtKeyRing>().GetKeys().Single(k => k.Algorithm == "ES256").State.Should().Be(JwtKeyState.Retired);
    }

    [Fact]
    public void Validate_HostRestartsBeforeRetiresAt_ValidatesUntilThenOnly()
    {
        var token = TokenSignedByEs256();
        _time.Advance(TimeSpan.FromHours(23));
        using var restarted = Host(_time, RetiringEs256(Start.AddDays(1)));
        var validator = restarted.GetRequiredService<IJwtValidator>();

        validator.Validate(token).Succeeded.Should().BeTrue();
        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1));
        validator.Validate(token).Succeeded.Should().BeTrue();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        validator.Validate(token).Failure.Should().Be(JwtValidationFailure.KeyRetired);
    }

    [Fact]
    public void Constructor_RetiringKeyWithoutRetiresAt_Throws()
    {
        var options = new JwtOptions { Issuer = Issuer, Audience = Audience };
        options.SigningKeys.Add(Key("HS256"));
        options.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = EcKey.ExportPkcs8PrivateKeyPem(), State = JwtKeyState.Retiring });

        var act = () => new JwtKeyRing(options, _time);

        act.Should().Throw<InvalidOperationException>().WithMessage("Credentials:Jwt:SigningKeys:1:RetiresAt must be set for a Retiring key*");
    }

    /// <summary>A token the ES256 test key signed at the fake clock's time, valid for the default 7 days.</summary>
    private string TokenSignedByEs256()
    {
        using var signer = Host(_time, "ES256");
        return signer.GetRequiredService<IJwtIssuer>().Issue(Alice).Token;
    }

    /// <summary>HS256 signs; the ES256 test key is retiring until <paramref name="retiresAt"/>.</summary>
    private static Action<JwtOptions> RetiringEs256(DateTimeOffset retiresAt) => o =>
    {
        o.SigningKeys.Add(Key("HS256"));
        var retiring = Key("ES256", JwtKeyState.Retiring);
        retiring.RetiresAt = retiresAt;
        o.SigningKeys.Add(retiring);
    };

    [Fact]
    public void ExportJwks_PublishesPendingActiveAndRetiringPublicKeysOnly()
    {
        using var host = Host(_time, o =>
        {
            o.SigningKeys.Add(Key("ES256"));
            o.SigningKeys.Add(Key("RS256", JwtKeyState.Pending));
            o.SigningKeys.Add(Key("HS256", JwtKeyState.Retiring));
        });
        var ring = host.GetRequiredService<JwtKeyRing>();
        var retired = ring.AddKey(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = OtherEcKey.ExportPkcs8PrivateKeyPem() });
        ring.Retire(retired);

        using var jwks = JsonDocument.Parse(ring.ExportJwks());
        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().ToList();

        keys.Select(k => k.GetProperty("alg").GetString()).Should().BeEquivalentTo(["ES256", "RS256"], "HMAC keys are secrets and a retired key is gone");
        keys.Select(k => k.GetProperty("kid").GetString()).Should().NotContain(retired);
        var members = keys.SelectMany(k => k.EnumerateObject().Select(p => p.Name)).Distinct();
        members.Should().BeSubsetOf(["kty", "crv", "x", "y", "n", "e", "use", "alg", "kid"], "no private member (d, p, q, dp, dq, qi, k) is ever written");
    }

    [Fact]
    public void Activate_PublicOnlyOrUnknownKey_Throws()
    {
        using var host = Host(_time, "ES256");
        var ring = host.GetRequiredService<JwtKeyRing>();
        var publicOnly = ring.AddKey(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = OtherEcKey.ExportSubjectPublicKeyInfoPem() });

        ring.Invoking(r => r.Activate(publicOnly)).Should().Throw<InvalidOperationException>();
        ring.Invoking(r => r.Activate("nope")).Should().Throw<InvalidOperationException>();
        ring.Invoking(r => r.Retire(ring.CurrentKeyId)).Should().Throw<InvalidOperationException>().WithMessage("*activate another key*");
    }

    [Fact]
    public void AddKey_SameKeyTwice_Throws()
    {
        using var host = Host(_time, "ES256");
        var ring = host.GetRequiredService<JwtKeyRing>();

        ring.Invoking(r => r.AddKey(Key("ES256"))).Should().Throw<ArgumentException>().WithMessage("*already holds*");
    }

    [Fact]
    public void PendingKey_ValidatesTokensAnotherInstanceSignedWithIt()
    {
        using var instanceA = Host(_time, o => o.SigningKeys.Add(Key("ES256")));
        using var instanceB = Host(_time, o =>
        {
            o.SigningKeys.Add(Key("RS256"));
            o.SigningKeys.Add(Key("ES256", JwtKeyState.Pending));
        });

        var token = instanceA.GetRequiredService<IJwtIssuer>().Issue(Alice).Token;

        instanceB.GetRequiredService<IJwtValidator>().Validate(token).Succeeded.Should().BeTrue();
    }
}
