using Credentials.Jwt;
using Microsoft.Extensions.Options;

namespace Credentials.Core.Tests.DependencyInjection;

public class CredentialsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new CredentialsOptionsValidator().Validate(Options.DefaultName, new CredentialsOptions());

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_SomethingWrongInEverySection_NamesEachByItsConfigurationKey()
    {
        var options = new CredentialsOptions();
        options.Hashing.Peppers["p1"] = new byte[16];
        options.Hashing.CurrentPepperId = "p1";
        options.ApiKeys.SecretBits = 128;
        options.ApiKeys.Prefix = "CC_";
        options.WebTokens.TokenBytes = 8;
        options.WebTokens.Lifetime = TimeSpan.Zero;
        options.Passwords.MaxPasswordLength = 10;
        options.Jwt.Issuer = "issuer";
        options.Jwt.SigningKeys.Add(new() { Algorithm = "HS256", Secret = Convert.ToBase64String(new byte[32]), State = JwtKeyState.Retiring });

        var result = new CredentialsOptionsValidator().Validate(Options.DefaultName, options);

        result.Failures.Should().Contain(f => f.Contains("Credentials:Hashing:Peppers:p1 must be at least 32 random bytes", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Credentials:ApiKeys:SecretBits must be between 256 and 1024", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Credentials:ApiKeys:Prefix must be", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Credentials:WebTokens:TokenBytes must be between 16 and 64", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Credentials:WebTokens:Lifetime must be above zero", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Credentials:Passwords:MaxPasswordLength must be between 64 and 4096", StringComparison.Ordinal))
            .And.Contain(f => f.EndsWith("Credentials:Jwt:Audience is required: the aud claim every token carries and must match.", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Credentials:Jwt:SigningKeys:0:RetiresAt must be set", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Credentials:Jwt:SigningKeys must have exactly one key with State Active", StringComparison.Ordinal))
            .And.NotContain(f => f.Contains("Credentials.", StringComparison.Ordinal) || f.Contains("CredentialsOptions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Credentials.Jwt.SigningKeys[0]:Secret must be base64.", "Credentials:Jwt:SigningKeys:0:Secret must be base64.")]
    [InlineData("Secret: The field Credentials.Jwt.SigningKeys[12].Secret is invalid.", "Secret: The field Credentials:Jwt:SigningKeys:12:Secret is invalid.")]
    [InlineData("Credentials.Hashing.CurrentPepperId names 'x', which is not in Credentials.Hashing.Peppers.", "Credentials:Hashing:CurrentPepperId names 'x', which is not in Credentials:Hashing:Peppers.")]
    [InlineData("Credentials:ApiKeys:Prefix is already a key.", "Credentials:ApiKeys:Prefix is already a key.")]
    public void ToConfigurationKeys_MemberPath_BecomesTheKeyTheHostSets(string message, string expected)
    {
        SettingPath.ToConfigurationKeys(message).Should().Be(expected);
    }
}
