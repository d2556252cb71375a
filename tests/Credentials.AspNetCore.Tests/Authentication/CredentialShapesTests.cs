using Credentials.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Tests.Authentication;

public sealed class CredentialShapesTests
{
    private readonly CredentialShapes _shapes = new(Options.Create(new CredentialsOptions()));

    [Theory]
    [InlineData("cc_live_abc123def456ghi789jkl012mno345pqr678stu901vwx234yz", CredentialKind.ApiKey)]
    [InlineData("cc_live_", CredentialKind.ApiKey)]
    [InlineData("0123456789abcdef0123456789abcdef01234567", CredentialKind.WebToken)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_", CredentialKind.Jwt)]
    [InlineData("a.b.c", CredentialKind.Jwt)]
    public void KindOf_RecognisedShape_ReturnsKind(string text, CredentialKind expected) =>
        _shapes.KindOf(text).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("CC_LIVE_abc")]
    [InlineData("cc_test_abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    [InlineData("0123456789abcdef0123456789abcdef0123456")]
    [InlineData("0123456789abcdef0123456789abcdef012345678")]
    [InlineData("0123456789abcdef0123456789abcdef0123456g")]
    [InlineData("０123456789abcdef0123456789abcdef01234567")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")]
    [InlineData("a.b=.c")]
    [InlineData("a.b.c ")]
    [InlineData("ä.b.c")]
    [InlineData("a.b.c\u0000")]
    [InlineData("a.b.\u0661")]
    public void KindOf_UnrecognisedShape_ReturnsNull(string text) =>
        _shapes.KindOf(text).Should().BeNull();

    [Fact]
    public void KindOf_HugeValue_ReturnsNull() =>
        _shapes.KindOf("cc_live_" + new string('a', 20_000)).Should().BeNull();

    [Fact]
    public void KindOf_CustomPrefixAndTokenLength_FollowsOptions()
    {
        var options = new CredentialsOptions();
        options.ApiKeys.Prefix = "acme_";
        options.WebTokens.TokenBytes = 16;
        var shapes = new CredentialShapes(Options.Create(options));

        shapes.KindOf("acme_xyz").Should().Be(CredentialKind.ApiKey);
        shapes.KindOf("cc_live_xyz").Should().BeNull();
        shapes.KindOf(new string('a', 32)).Should().Be(CredentialKind.WebToken);
        shapes.KindOf(new string('a', 40)).Should().BeNull();
    }
}
