using System.Text;
using Credentials.Diagnostics;
using Credentials.Jwt;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.Jwt;

/// <summary>
/// The example tokens of RFC 7515 Appendix A.1 (HS256) and A.3 (ES256), validated with the RFC's own keys.
/// The RFC text was not available offline; the values were taken from public test suites that quote the appendix
/// (the Rust crate jwt-compact's "hs256_reference" test for A.1, Google Tink's JWT tests and others for A.3) and
/// checked against each other. The tokens verifying with these keys is itself the proof the values are intact.
/// The vectors carry no kid, no aud and an exp in 2011, so the test goes through the validator's core with the key
/// given, audience and lifetime checks off, and (A.3 has no typ) the typ check off.
/// </summary>
public class Rfc7515VectorTests
{
    // RFC 7515 A.1: {"typ":"JWT",\r\n "alg":"HS256"} . {"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}
    private const string A1Token =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private const string A1Key = """{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}""";

    // RFC 7515 A.3: {"alg":"ES256"} . the same claims.
    private const string A3Token =
        "eyJhbGciOiJFUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private const string A3Key =
        """{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}""";

    private static readonly long NowMs = JwtTestKit.Start.ToUnixTimeMilliseconds();

    [Fact]
    public void Validate_AppendixA1Hs256_Succeeds()
    {
        var (validator, ring) = VectorValidator("HS256", A1Key);

        var result = validator.ValidateUncached(A1Token, NowMs, ring.Current, ring.Current.Active!.Key);

        result.Succeeded.Should().BeTrue();
        result.Token!.ExpiresAt.ToUnixTimeSeconds().Should().Be(1300819380);
    }

    [Fact]
    public void Validate_AppendixA3Es256_Succeeds()
    {
        var (validator, ring) = VectorValidator("ES256", A3Key);

        var result = validator.ValidateUncached(A3Token, NowMs, ring.Current, ring.Current.Active!.Key);

        result.Succeeded.Should().BeTrue();
        result.Token!.ExpiresAt.ToUnixTimeSeconds().Should().Be(1300819380);
    }

    [Theory]
    [InlineData("HS256", A1Key, A1Token)]
    [InlineData("ES256", A3Key, A3Token)]
    public void Validate_VectorWithOneSignatureBitFlipped_Rejected(string algorithm, string key, string token)
    {
        var (validator, ring) = VectorValidator(algorithm, key);
        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        var result = validator.ValidateUncached(flipped, NowMs, ring.Current, ring.Current.Active!.Key);

        result.Failure.Should().Be(JwtValidationFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("HS256", A1Key, A1Token)]
    [InlineData("ES256", A3Key, A3Token)]
    public void Validate_VectorThroughTheKidLookup_RejectedBecauseItNamesNoKey(string algorithm, string key, string token)
    {
        var (validator, ring) = VectorValidator(algorithm, key);

        validator.ValidateUncached(token, NowMs, ring.Current, fixedKey: null).Failure.Should().Be(JwtValidationFailure.UnknownKey);
    }

    private static (JwtValidator Validator, JwtKeyRing Ring) VectorValidator(string algorithm, string jwk)
    {
        var options = new JwtOptions { Issuer = "joe" };
        options.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = algorithm, Jwk = jwk });
        var ring = new JwtKeyRing(options, new FakeTimeProvider(JwtTestKit.Start));
        var policy = new JwtValidationPolicy(Encoding.UTF8.GetBytes("joe"), Audience: null, 0, 8192, RequireType: false, ValidateLifetime: false);
        return (new JwtValidator(policy, ring, new CredentialsMetrics(), logger: null, cacheSize: 0), ring);
    }
}
