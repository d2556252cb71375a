using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Jwt;

/// <summary>
/// Our tokens against Microsoft's own validation (the <see cref="TokenValidationParameters"/> ASP.NET Core's JwtBearer
/// handler passes to <see cref="JsonWebTokenHandler"/>), and Microsoft-made tokens against ours.
/// </summary>
public class JwtInteropTests
{
    // Real clock: Microsoft's handlers read the system time, so the tokens are made for now.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    [Theory]
    [InlineData("HS256")]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task IssuedToken_ValidatesWithJsonWebTokenHandlerAndJwtSecurityTokenHandler(string algorithm)
    {
        using var host = Host(_time, algorithm);
        var issued = host.GetRequiredService<IJwtIssuer>().Issue(Alice);
        var parameters = BearerParameters(host, algorithm);

        var modern = await new JsonWebTokenHandler().ValidateTokenAsync(issued.Token, parameters);
        var legacy = new JwtSecurityTokenHandler { MapInboundClaims = false }.ValidateToken(issued.Token, parameters, out var legacyToken);

        modern.IsValid.Should().BeTrue(modern.Exception?.Message);
        modern.Claims["sub"].Should().Be("user-1");
        ((JsonWebToken)modern.SecurityToken).Kid.Should().Be(issued.KeyId);
        ((JsonWebToken)modern.SecurityToken).Typ.Should().Be("JWT");
        legacy.FindFirst("email")!.Value.Should().Be("alice@example.test");
        legacy.FindAll("permissions").Select(c => c.Value).Should().Equal("api.keys.create", "api.keys.read");
        legacyToken.ValidTo.Should().Be(issued.ExpiresAt.UtcDateTime);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void TokenMadeByJwtSecurityTokenHandler_ValidatesWithOurValidator(string algorithm)
    {
        using var host = Host(_time, algorithm);
        var now = _time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", "user-9"), new Claim("name", "bob")]),
            SigningCredentials = new SigningCredentials(OurKey(host, algorithm), algorithm),
        };

        var legacy = new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
        var modern = new JsonWebTokenHandler().CreateToken(descriptor);

        var validator = host.GetRequiredService<IJwtValidator>();
        foreach (var token in new[] { legacy, modern })
        {
            var result = validator.Validate(token);
            result.Succeeded.Should().BeTrue(result.Failure?.ToString());
            result.Token!.Subject.Should().Be("user-9");
            result.Token.Name.Should().Be("bob");
        }
    }

    private static TokenValidationParameters BearerParameters(IServiceProvider host, string algorithm) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = OurKey(host, algorithm),
        ValidAlgorithms = [algorithm],
        ValidTypes = ["JWT"],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
    };

    /// <summary>The ring's key, with its kid, as a plain IdentityModel key (public only for ES256 and RS256).</summary>
    private static SecurityKey OurKey(IServiceProvider host, string algorithm)
    {
        var kid = host.GetRequiredService<JwtKeyRing>().CurrentKeyId;
        SecurityKey key = algorithm switch
        {
            "HS256" => new SymmetricSecurityKey(HmacSecret),
            "ES256" => new ECDsaSecurityKey(EcKey),
            _ => new RsaSecurityKey(RsaKey),
        };
        key.KeyId = kid;
        return key;
    }
}
