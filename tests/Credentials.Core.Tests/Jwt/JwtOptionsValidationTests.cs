using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Jwt;

public class JwtOptionsValidationTests
{
    private readonly FakeTimeProvider _time = new(Start);

    public static TheoryData<string, Action<JwtOptions>> BadSettings() => new()
    {
        { "Credentials:Jwt:SigningKeys:0:Secret must be at least 32 bytes (256 bits)", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "HS256", Secret = Convert.ToBase64String(new byte[31]) }) },
        { "Credentials:Jwt:SigningKeys:0:Secret must be base64", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "HS256", Secret = "not base64!" }) },
        { "Credentials:Jwt:SigningKeys:0:Algorithm must be HS256, ES256 or RS256", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "none", Secret = Convert.ToBase64String(HmacSecret) }) },
        { "Credentials:Jwt:SigningKeys:0 must set exactly one of", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "ES256" }) },
        { "Credentials:Jwt:SigningKeys:0 must be an RSA key of at least 2048 bits", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "RS256", Pem = System.Security.Cryptography.RSA.Create(1024).ExportPkcs8PrivateKeyPem() }) },
        { "Credentials:Jwt:SigningKeys:0 could not be read as a ES256 key", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }) },
        { "Credentials:Jwt:SigningKeys:0 is Active but has no private key", o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = EcKey.ExportSubjectPublicKeyInfoPem() }) },
        { "exactly one key with State Active; it has 2", o => { o.SigningKeys.Add(Key("ES256")); o.SigningKeys.Add(Key("HS256")); } },
        { "exactly one key with State Active; it has 0", o => o.SigningKeys.Add(Key("ES256", JwtKeyState.Pending)) },
        { "Credentials:Jwt:SigningKeys:1 is the same key", o => { o.SigningKeys.Add(Key("ES256")); o.SigningKeys.Add(Key("ES256", JwtKeyState.Retiring)); } },
        { "Credentials:Jwt:SigningKeys:1:RetiresAt must be set for a Retiring key", o => { o.SigningKeys.Add(Key("HS256")); o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "ES256", Pem = EcKey.ExportPkcs8PrivateKeyPem(), State = JwtKeyState.Retiring }); } },
        { "Credentials:Jwt:SigningKeys:0:RetiresAt is only for a Retiring key; this one is Active", o => { o.SigningKeys.Add(Key("ES256")); o.SigningKeys[0].RetiresAt = Start; } },
        { "Credentials:Jwt:SigningKeys needs a key", _ => { } },
        { "Credentials:Jwt:Issuer is required", o => { o.Issuer = " "; o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:Audience is required", o => { o.Audience = null; o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:ClockSkew must be between 0 and 5 minutes", o => { o.ClockSkew = TimeSpan.FromHours(1); o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:Lifetime must be positive", o => { o.Lifetime = TimeSpan.Zero; o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:Lifetime must be at most 365 days", o => { o.Lifetime = TimeSpan.FromDays(3_650_000); o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:Lifetime must be at most 365 days", o => { o.Lifetime = TimeSpan.MaxValue; o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:MaxTokenLength must be between", o => { o.MaxTokenLength = 100; o.UseDevelopmentSigningKey = true; } },
        { "Credentials:Jwt:SigningKeys:0:State must be Pending, Active, Retiring or Retired", o => { o.SigningKeys.Add(Key("ES256")); o.SigningKeys.Add(Key("HS256")); o.SigningKeys[0].State = (JwtKeyState)7; } },
        { "Credentials:Jwt:SigningKeys:1 is null", o => { o.SigningKeys.Add(Key("ES256")); o.SigningKeys.Add(null!); } },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void AddCredentials_BadJwtSetting_FailsAtStartNamingTheSetting(string message, Action<JwtOptions> configure)
    {
        using var host = Host(_time, configure);

        var act = () => host.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void AddCredentials_ShortSecret_MessageNeverContainsTheSecret()
    {
        var secret = Convert.ToBase64String([.. Enumerable.Range(0, 20).Select(i => (byte)(i + 100))]);
        using var host = Host(_time, o => o.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "HS256", Secret = secret }));

        var act = () => host.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain(secret);
    }

    [Fact]
    public void AddCredentials_NoJwtSettings_RejectsEveryTokenAsNotConfiguredAndExplainsWhenIssuing()
    {
        var services = new ServiceCollection();
        services.AddCredentials();
        using var host = services.BuildServiceProvider();
        using var configured = Host(_time, "ES256");
        var token = configured.GetRequiredService<IJwtIssuer>().Issue(Alice).Token;

        host.GetRequiredService<IOptions<CredentialsOptions>>().Value.Should().NotBeNull();
        host.GetRequiredService<IJwtValidator>().Validate(token).Failure.Should().Be(JwtValidationFailure.NotConfigured);
        var ring = host.GetRequiredService<JwtKeyRing>();
        ring.GetKeys().Should().BeEmpty();
        ring.ExportJwks().Should().Be("""{"keys":[]}""");
        ring.Invoking(r => r.AddKey(Key("ES256"))).Should().Throw<InvalidOperationException>().WithMessage("*Credentials:Jwt:Issuer*");
        var issue = () => host.GetRequiredService<IJwtIssuer>().Issue(Alice);
        issue.Should().Throw<InvalidOperationException>().WithMessage("*Credentials:Jwt:Issuer*");
    }

    [Fact]
    public void AddCredentials_NoAuthenticatorRegistered_BuildsUnderValidateOnBuild()
    {
        var services = new ServiceCollection();
        services.AddCredentials();

        var act = () => services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }).Dispose();

        act.Should().NotThrow("login is only wired to the authenticator when a login happens");
    }

    [Fact]
    public void AddCredentials_DevelopmentKey_IssuesAndValidates()
    {
        using var host = Host(_time, o => o.UseDevelopmentSigningKey = true);

        var token = host.GetRequiredService<IJwtIssuer>().Issue(Alice);

        host.GetRequiredService<JwtKeyRing>().GetKeys().Should().ContainSingle().Which.Algorithm.Should().Be("ES256");
        host.GetRequiredService<IJwtValidator>().Validate(token.Token).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void AddCredentials_HostRegisteredValidatorFirst_HostsWins()
    {
        var services = new ServiceCollection();
        var mine = new RejectEverything();
        services.AddSingleton<IJwtValidator>(mine);
        services.AddCredentials(o => o.Jwt.UseDevelopmentSigningKey = true);
        using var host = services.BuildServiceProvider();

        host.GetRequiredService<IJwtValidator>().Should().BeSameAs(mine);
    }

    private sealed class RejectEverything : IJwtValidator
    {
        public JwtValidationResult Validate(string? token) => JwtValidationResult.Failed(JwtValidationFailure.Malformed);
    }
}
