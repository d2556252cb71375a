using System.Security.Cryptography;
using System.Text;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Jwt;

public class JwtValidatorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<ServiceProvider> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void Validate_IssuedToken_SucceedsWithItsClaims(string algorithm)
    {
        var (issuer, validator, ring) = Services(algorithm);
        var issued = issuer.Issue(Alice);

        var result = validator.Validate(issued.Token);

        result.Succeeded.Should().BeTrue();
        result.Token!.Subject.Should().Be("user-1");
        result.Token.Name.Should().Be("alice");
        result.Token.Email.Should().Be("alice@example.test");
        result.Token.Permissions.Should().Equal("api.keys.create", "api.keys.read");
        result.Token.TokenId.Should().Be(issued.TokenId).And.MatchRegex("^[0-9a-f]{32}$");
        result.Token.KeyId.Should().Be(ring.CurrentKeyId);
        result.Token.ExpiresAt.Should().Be(Start.AddDays(7));
    }

    [Fact]
    public void Validate_SameTokenTwice_SucceedsBothTimesFromTheCache()
    {
        var (issuer, validator, _) = Services("ES256");
        var token = issuer.Issue(Alice).Token;

        var first = validator.Validate(token);
        var second = validator.Validate(token);

        second.Should().BeSameAs(first, "the second validation is served from the cache");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public void Validate_AlgNoneInAnyCase_Rejected(string none)
    {
        var (_, validator, ring) = Services("HS256");
        var unsigned = Encode(Header(none, ring.CurrentKeyId)) + "." + Encode(Claims(Start)) + ".";

        Reason(validator, unsigned).Should().Be(JwtValidationFailure.AlgorithmNotAllowed);
        Reason(validator, unsigned + "c2ln").Should().Be(JwtValidationFailure.AlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("hs256")]
    [InlineData("PS256")]
    [InlineData("")]
    public void Validate_AlgorithmNotPinned_Rejected(string algorithm)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(Header(algorithm, ring.CurrentKeyId), Claims(Start), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public void Validate_NoAlg_Rejected()
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge($$"""{"kid":"{{ring.CurrentKeyId}}","typ":"JWT"}""", Claims(Start), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.AlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void Validate_Hs256SignedWithThePublicKey_RejectedAsAlgorithmConfusion(string algorithm)
    {
        var (_, validator, ring) = Services(algorithm);
        var publicKey = algorithm == "ES256" ? EcKey.ExportSubjectPublicKeyInfo() : RsaKey.ExportSubjectPublicKeyInfo();
        var publicPem = algorithm == "ES256" ? EcKey.ExportSubjectPublicKeyInfoPem() : RsaKey.ExportSubjectPublicKeyInfoPem();

        foreach (var secret in new[] { publicKey, Encoding.ASCII.GetBytes(publicPem) })
        {
            var token = Forge(Header("HS256", ring.CurrentKeyId), Claims(Start), HmacWith(secret));
            Reason(validator, token).Should().Be(JwtValidationFailure.AlgorithmMismatch);
        }
    }

    [Fact]
    public void Validate_UnknownOrMissingKid_RejectedWithoutTryingOtherKeys()
    {
        var (_, validator, _) = Services("ES256");

        Reason(validator, Forge(Header("ES256", "not-a-key"), Claims(Start), Signer("ES256")))
            .Should().Be(JwtValidationFailure.UnknownKey);
        Reason(validator, Forge("""{"alg":"ES256","typ":"JWT"}""", Claims(Start), Signer("ES256")))
            .Should().Be(JwtValidationFailure.UnknownKey);
    }

    [Fact]
    public void Validate_KidNamesAnotherKeyInTheRing_RejectedNotRetriedWithTheSigner()
    {
        var (_, validator, ring) = Services("ES256");
        var other = ring.AddKey(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = OtherEcKey.ExportPkcs8PrivateKeyPem() });

        // Signed by the active key, but claiming to be the pending key: the named key alone is tried.
        var token = Forge(Header("ES256", other), Claims(Start), Signer("ES256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.InvalidSignature);
    }

    [Fact]
    public void Validate_EmbeddedJwkOfTheAttacker_IgnoredForKeyChoice()
    {
        var (_, validator, ring) = Services("ES256");
        var q = OtherEcKey.ExportParameters(false).Q;
        var jwk = $$"""{"kty":"EC","crv":"P-256","x":"{{Base64UrlEncoder.Encode(q.X)}}","y":"{{Base64UrlEncoder.Encode(q.Y)}}"}""";
        Func<byte[], byte[]> attacker = data => OtherEcKey.SignData(data, HashAlgorithmName.SHA256);

        var withOurKid = Forge($$"""{"alg":"ES256","kid":"{{ring.CurrentKeyId}}","typ":"JWT","jwk":{{jwk}}}""", Claims(Start), attacker);
        var withoutKid = Forge($$"""{"alg":"ES256","typ":"JWT","jwk":{{jwk}}}""", Claims(Start), attacker);
        var withX5c = Forge($$"""{"alg":"ES256","kid":"{{ring.CurrentKeyId}}","typ":"JWT","x5c":["MIIB"]}""", Claims(Start), attacker);

        Reason(validator, withOurKid).Should().Be(JwtValidationFailure.InvalidSignature);
        Reason(validator, withoutKid).Should().Be(JwtValidationFailure.UnknownKey);
        Reason(validator, withX5c).Should().Be(JwtValidationFailure.InvalidSignature);
    }

    [Fact]
    public void Validate_JkuAndX5uHeaders_NeverFetchedAndIgnored()
    {
        var (_, validator, ring) = Services("ES256");

        // Signed by our key: the URLs change nothing (no request is made; the library has no HTTP client at all).
        var token = Forge(
            $$"""{"alg":"ES256","kid":"{{ring.CurrentKeyId}}","typ":"JWT","jku":"https://attacker.invalid/jwks","x5u":"https://attacker.invalid/cert"}""",
            Claims(Start),
            Signer("ES256"));

        validator.Validate(token).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("""["exp"]""")]
    [InlineData("""["b64"]""")]
    [InlineData("[]")]
    public void Validate_CritHeader_Rejected(string crit)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge($$"""{"alg":"HS256","kid":"{{ring.CurrentKeyId}}","typ":"JWT","crit":{{crit}}}""", Claims(Start), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.UnsupportedCriticalHeader);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void Validate_TamperedHeaderPayloadOrSignature_Rejected(string algorithm)
    {
        var (issuer, validator, ring) = Services(algorithm);
        var parts = issuer.Issue(Alice).Token.Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[5] ^= 0x01;

        var tamperedHeader = Encode($$"""{"alg":"{{algorithm}}","kid":"{{ring.CurrentKeyId}}","typ":"JWT","x":1}""") + "." + parts[1] + "." + parts[2];
        var tamperedPayload = parts[0] + "." + Encode(claims.Replace("user-1", "user-2", StringComparison.Ordinal)) + "." + parts[2];
        var tamperedSignature = parts[0] + "." + parts[1] + "." + Base64UrlEncoder.Encode(signature);

        Reason(validator, tamperedHeader).Should().Be(JwtValidationFailure.InvalidSignature);
        Reason(validator, tamperedPayload).Should().Be(JwtValidationFailure.InvalidSignature);
        Reason(validator, tamperedSignature).Should().Be(JwtValidationFailure.InvalidSignature);
        Reason(validator, parts[0] + "." + parts[1] + ".").Should().Be(JwtValidationFailure.InvalidSignature);
    }

    [Fact]
    public void Validate_NonCanonicalBase64Url_Rejected()
    {
        var (issuer, validator, _) = Services("HS256");
        var token = issuer.Issue(Alice).Token;
        var lastValue = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".IndexOf(token[^1], StringComparison.Ordinal);

        // An HS256 signature is 43 characters; the last carries 2 unused bits, which must be zero.
        var respelled = token[..^1] + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[lastValue | 1];
        var padded = token + "=";
        var standardAlphabet = token.Contains('-', StringComparison.Ordinal) ? token.Replace('-', '+') : token.Replace('_', '/');

        validator.Validate(token).Succeeded.Should().BeTrue();
        Reason(validator, respelled).Should().Be(JwtValidationFailure.NonCanonicalEncoding);
        Reason(validator, padded).Should().Be(JwtValidationFailure.NonCanonicalEncoding);
        if (standardAlphabet != token)
        {
            Reason(validator, standardAlphabet).Should().Be(JwtValidationFailure.NonCanonicalEncoding);
        }
    }

    [Theory]
    [InlineData("""{"alg":"HS256","alg":"HS256","kid":"KID","typ":"JWT"}""", null)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"JWT","cty":"x","cty":"y"}""", null)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"JWT"}""", ""","sub":"user-2" """)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"JWT"}""", ""","exp":99999999999""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"JWT"}""", ""","role":"a","role":"admin" """)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"JWT"}""", ""","sid":"a","sid":"b" """)]
    public void Validate_DuplicateMembers_Rejected(string header, string? extraClaims)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(header.Replace("KID", ring.CurrentKeyId, StringComparison.Ordinal), Claims(Start, extraClaims), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.DuplicateMember);
    }

    [Theory]
    [InlineData(""","sid":"0123456789abcdef0123456789abcdef" """, "0123456789abcdef0123456789abcdef")]
    [InlineData(null, null)]
    public void Validate_SidClaim_ReadAsTheSessionId(string? extraClaims, string? expected)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(Header("HS256", ring.CurrentKeyId), Claims(Start, extraClaims), Signer("HS256"));

        validator.Validate(token).Token!.SessionId.Should().Be(expected);
    }

    [Fact]
    public void Validate_SidNotAString_Malformed()
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(Header("HS256", ring.CurrentKeyId), Claims(Start, ""","sid":42"""), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.Malformed);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Validate_Es256SignatureWithZeroROrS_Rejected(bool zeroR, bool zeroS)
    {
        var (_, validator, ring) = Services("ES256");
        var token = Forge(Header("ES256", ring.CurrentKeyId), Claims(Start), data =>
        {
            var signature = EcKey.SignData(data, HashAlgorithmName.SHA256);
            if (zeroR)
            {
                Array.Clear(signature, 0, 32);
            }

            if (zeroS)
            {
                Array.Clear(signature, 32, 32);
            }

            return signature;
        });

        Reason(validator, token).Should().Be(JwtValidationFailure.InvalidSignature);
    }

    [Fact]
    public void Validate_Es256SignatureWithRAtTheGroupOrder_Rejected()
    {
        var (_, validator, ring) = Services("ES256");
        var order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        var token = Forge(Header("ES256", ring.CurrentKeyId), Claims(Start), data => [.. order, .. order]);

        Reason(validator, token).Should().Be(JwtValidationFailure.InvalidSignature);
    }

    [Fact]
    public void Validate_ExpEqualToNow_RejectedAndOneSecondBeforeAccepted()
    {
        var (_, validator, ring) = Services("HS256", o => o.ClockSkew = TimeSpan.Zero);
        var token = Forge(Header("HS256", ring.CurrentKeyId), ClaimsExpiringAt(Start.AddMinutes(10)), Signer("HS256"));

        _time.SetUtcNow(Start.AddMinutes(10).AddSeconds(-1));
        validator.Validate(token).Succeeded.Should().BeTrue();

        _time.SetUtcNow(Start.AddMinutes(10));
        Reason(validator, token).Should().Be(JwtValidationFailure.Expired, "RFC 7519 wants now before exp, and the cache honours it too");
    }

    [Fact]
    public void Validate_ExpWithinClockSkew_AcceptedAndAtSkewRejected()
    {
        var (_, validator, ring) = Services("HS256", o => o.ClockSkew = TimeSpan.FromSeconds(30));
        var token = Forge(Header("HS256", ring.CurrentKeyId), ClaimsExpiringAt(Start), Signer("HS256"));

        _time.SetUtcNow(Start.AddSeconds(29));
        validator.Validate(token).Succeeded.Should().BeTrue();

        _time.SetUtcNow(Start.AddSeconds(30));
        Reason(validator, token).Should().Be(JwtValidationFailure.Expired);
    }

    [Theory]
    [InlineData("nbf")]
    [InlineData("iat")]
    public void Validate_NotBeforeOrIssuedInTheFuture_RejectedBeyondTheSkew(string claim)
    {
        var (_, validator, ring) = Services("HS256", o => o.ClockSkew = TimeSpan.FromSeconds(30));
        var t = Start.ToUnixTimeSeconds();
        string Token(long at) => Forge(
            Header("HS256", ring.CurrentKeyId),
            $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{t + 3600}},"{{claim}}":{{at}}}""",
            Signer("HS256"));

        validator.Validate(Token(t + 30)).Succeeded.Should().BeTrue();
        Reason(validator, Token(t + 31)).Should().Be(JwtValidationFailure.NotYetValid);
    }

    [Fact]
    public void Validate_MissingExp_Rejected()
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(Header("HS256", ring.CurrentKeyId), $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}"}""", Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.MissingExpiration);
    }

    [Theory]
    [InlineData("\"https://other.example.test\"", JwtValidationFailure.InvalidIssuer)]
    [InlineData("null", JwtValidationFailure.Malformed)]
    public void Validate_WrongIssuer_Rejected(string issuer, JwtValidationFailure expected)
    {
        var (_, validator, ring) = Services("HS256");
        var claims = Claims(Start).Replace($"\"{Issuer}\"", issuer, StringComparison.Ordinal);

        Reason(validator, Forge(Header("HS256", ring.CurrentKeyId), claims, Signer("HS256"))).Should().Be(expected);
    }

    [Theory]
    [InlineData("\"other-api\"", false)]
    [InlineData("[\"other-api\"]", false)]
    [InlineData("[\"other-api\",\"example-api\"]", true)]
    public void Validate_Audience_MustIncludeOurs(string audience, bool valid)
    {
        var (_, validator, ring) = Services("HS256");
        var claims = Claims(Start).Replace($"\"{Audience}\"", audience, StringComparison.Ordinal);
        var result = validator.Validate(Forge(Header("HS256", ring.CurrentKeyId), claims, Signer("HS256")));

        result.Succeeded.Should().Be(valid);
        if (!valid)
        {
            result.Failure.Should().Be(JwtValidationFailure.InvalidAudience);
        }
    }

    [Theory]
    [InlineData("""{"alg":"HS256","kid":"KID"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt"}""")]
    public void Validate_TypMissingOrNotJwt_Rejected(string header)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(header.Replace("KID", ring.CurrentKeyId, StringComparison.Ordinal), Claims(Start), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.InvalidType);
    }

    [Fact]
    public void Validate_HeaderWithManyUnknownMembers_RejectedAsMalformedEvenWhenSigned()
    {
        // Read before the signature: hundreds of members would make each forged token cost quadratic duplicate checks.
        var (_, validator, ring) = Services("HS256");
        var junk = string.Concat(Enumerable.Range(0, 300).Select(i => $",\"m{i}\":0"));
        var header = $$"""{"alg":"HS256","kid":"{{ring.CurrentKeyId}}","typ":"JWT"{{junk}}}""";

        Reason(validator, Forge(header, Claims(Start), Signer("HS256"))).Should().Be(JwtValidationFailure.Malformed);
        Reason(validator, Forge(header, Claims(Start), _ => new byte[32])).Should().Be(JwtValidationFailure.Malformed);
    }

    [Fact]
    public void Validate_OverTheSizeBound_RejectedBeforeParsing()
    {
        var (issuer, validator, _) = Services("HS256", o => o.MaxTokenLength = 1024);
        var valid = issuer.Issue(Alice).Token;

        Reason(validator, valid + new string('A', 1025 - valid.Length)).Should().Be(JwtValidationFailure.TooLarge);
        Reason(validator, new string('!', 1025)).Should().Be(JwtValidationFailure.TooLarge);
        Reason(validator, new string('.', 10 * 1024 * 1024)).Should().Be(JwtValidationFailure.TooLarge);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")]
    [InlineData(".b.c")]
    [InlineData("a..c")]
    [InlineData("!!!!.eyJ9.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9x.e30.c2ln")]
    [InlineData("ÿÿÿÿ.e30.c2ln")]
    public void Validate_MalformedText_RejectedAsMalformed(string? token)
    {
        var (_, validator, _) = Services("HS256");

        Reason(validator, token).Should().Be(JwtValidationFailure.Malformed);
    }

    [Fact]
    public void Validate_GarbledClaimsEncoding_RejectedAsMalformedBeforeTheSignatureCheck()
    {
        var (issuer, validator, _) = Services("ES256");
        var parts = issuer.Issue(Alice).Token.Split('.');

        Reason(validator, parts[0] + "." + parts[1][..^3] + "!!!." + parts[2]).Should().Be(JwtValidationFailure.Malformed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\"alg\",\"HS256\"]")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"KID\"} {}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"KID\",}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"KID\"")]
    [InlineData("{\"alg\":256,\"typ\":\"JWT\",\"kid\":\"KID\"}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":[\"KID\"]}")]
    public void Validate_MalformedHeaderJson_RejectedAsMalformed(string header)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(header.Replace("KID", ring.CurrentKeyId, StringComparison.Ordinal), Claims(Start), Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.Malformed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"sub\":\"x\"")]
    [InlineData("{\"exp\":\"tomorrow\"}")]
    [InlineData("{\"sub\":42}")]
    [InlineData("{\"permissions\":[1]}")]
    [InlineData("{\"aud\":{\"a\":1}}")]
    public void Validate_MalformedClaimsJson_RejectedAsMalformed(string claims)
    {
        var (_, validator, ring) = Services("HS256");
        var token = Forge(Header("HS256", ring.CurrentKeyId), claims, Signer("HS256"));

        Reason(validator, token).Should().Be(JwtValidationFailure.Malformed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_InvalidUtf8InHeaderOrClaims_RejectedAsMalformed(bool inHeader)
    {
        var (_, validator, ring) = Services("HS256");
        byte[] invalid = [0xC3, 0x28];
        var header = Encoding.UTF8.GetBytes(Header("HS256", ring.CurrentKeyId)[..^1] + ",\"x\":\"");
        var claims = Encoding.UTF8.GetBytes(Claims(Start)[..^1] + ",\"x\":\"");
        var input = inHeader
            ? Base64UrlEncoder.Encode([.. header, .. invalid, .. "\"}"u8]) + "." + Encode(Claims(Start))
            : Encode(Header("HS256", ring.CurrentKeyId)) + "." + Base64UrlEncoder.Encode([.. claims, .. invalid, .. "\"}"u8]);
        var token = input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(HmacSecret, Encoding.ASCII.GetBytes(input)));

        Reason(validator, token).Should().Be(JwtValidationFailure.Malformed);
    }

    private static JwtValidationFailure? Reason(IJwtValidator validator, string? token)
    {
        var result = validator.Validate(token);
        result.Succeeded.Should().BeFalse();
        return result.Failure;
    }

    private static string ClaimsExpiringAt(DateTimeOffset exp) =>
        $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp.ToUnixTimeSeconds()}}}""";

    private (IJwtIssuer Issuer, IJwtValidator Validator, JwtKeyRing Ring) Services(string algorithm, Action<JwtOptions>? configure = null)
    {
        var host = Host(_time, o =>
        {
            o.SigningKeys.Add(Key(algorithm));
            configure?.Invoke(o);
        });
        _hosts.Add(host);
        return (host.GetRequiredService<IJwtIssuer>(), host.GetRequiredService<IJwtValidator>(), host.GetRequiredService<JwtKeyRing>());
    }
}
