using Credentials.Invalidation;
using FluentAssertions;
using Xunit;

namespace Credentials.Core.Tests.Invalidation;

public sealed class CredentialInvalidationTests
{
    [Theory]
    [InlineData(CredentialInvalidationKind.ApiKeyChanged, "0d9c6c8e-8f57-4d0e-9a57-2a4b8d0c8d11")]
    [InlineData(CredentialInvalidationKind.WebTokenChanged, "subject with: colons | and bars")]
    [InlineData(CredentialInvalidationKind.SessionEnded, "s")]
    [InlineData(CredentialInvalidationKind.SigningKeysChanged, "")]
    [InlineData(CredentialInvalidationKind.Everything, "")]
    public void TryParse_FormattedMessage_RoundTrips(CredentialInvalidationKind kind, string id)
    {
        var message = new CredentialInvalidation(kind, id);

        CredentialInvalidation.TryParse(message.Format(), out var parsed).Should().BeTrue();

        parsed.Should().Be(message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":id")]
    [InlineData("0:id")]
    [InlineData("7:id")]
    [InlineData("-1:id")]
    [InlineData("+1:id")]
    [InlineData("001:id")]
    [InlineData("1 :id")]
    [InlineData("1")]
    [InlineData("1:line\nbreak")]
    public void TryParse_NotAMessage_ReturnsFalse(string text)
    {
        CredentialInvalidation.TryParse(text, out var parsed).Should().BeFalse();

        parsed.Should().BeNull();
    }

    [Fact]
    public void TryParse_UnpairedSurrogate_ReturnsFalse() =>
        CredentialInvalidation.TryParse("1:a" + '\ud800', out _).Should().BeFalse();

    [Fact]
    public void TryParse_OverlongId_ReturnsFalse() =>
        CredentialInvalidation.TryParse("1:" + new string('a', CredentialInvalidation.MaxIdLength + 1), out _).Should().BeFalse();

    [Fact]
    public void Constructor_UndefinedKindOrBadId_Throws()
    {
        FluentActions.Invoking(() => new CredentialInvalidation((CredentialInvalidationKind)99, "x")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new CredentialInvalidation(CredentialInvalidationKind.SessionEnded, "a\u0000b")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new CredentialInvalidation(CredentialInvalidationKind.SessionEnded, new string('a', 1025))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ForKey_Uuid_IsCanonicalForm()
    {
        var uuid = Guid.NewGuid();

        CredentialInvalidation.ForKey(uuid).Should().Be(new CredentialInvalidation(CredentialInvalidationKind.ApiKeyChanged, uuid.ToString("D")));
    }
}
