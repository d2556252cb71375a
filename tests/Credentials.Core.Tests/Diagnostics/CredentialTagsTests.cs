using Credentials.ApiKeys;
using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Users;
using Credentials.WebTokens;

namespace Credentials.Core.Tests.Diagnostics;

/// <summary>One mapping names every kind and reason in every signal, with the words dashboards already count.</summary>
public sealed class CredentialTagsTests
{
    [Theory]
    [InlineData(CredentialKind.ApiKey, "api_key")]
    [InlineData(CredentialKind.WebToken, "web_token")]
    [InlineData(CredentialKind.Jwt, "jwt")]
    [InlineData(CredentialKind.Password, "password")]
    public void Of_CredentialKind_IsItsSnakeCaseWord(CredentialKind kind, string expected) =>
        CredentialTags.Of(kind).Should().Be(expected);

    [Fact]
    public void Of_FailureReasons_AreTheSnakeCaseWordsMetricsUse()
    {
        CredentialTags.Of(ApiKeyVerificationFailure.Malformed).Should().Be("malformed");
        CredentialTags.Of(ApiKeyVerificationFailure.OwnerUnavailable).Should().Be("owner_unavailable");
        CredentialTags.Of(WebTokenValidationFailure.Expired).Should().Be("expired");
        CredentialTags.Of(JwtValidationFailure.InvalidSignature).Should().Be("invalid_signature");
        CredentialTags.Of(JwtValidationFailure.NonCanonicalEncoding).Should().Be("non_canonical_encoding");
        CredentialTags.Of(UserAuthenticationFailure.InvalidCredentials).Should().Be("invalid_credentials");
    }

    [Fact]
    public void Of_NumberTheEnumDoesNotDefine_IsOther() =>
        CredentialTags.Of((UserAuthenticationFailure)99).Should().Be("other");

    [Fact]
    public void Of_SameReasonTwice_ReturnsTheOneStringMadeOnce() =>
        CredentialTags.Of(JwtValidationFailure.UnknownKey).Should().BeSameAs(CredentialTags.Of(JwtValidationFailure.UnknownKey));
}
