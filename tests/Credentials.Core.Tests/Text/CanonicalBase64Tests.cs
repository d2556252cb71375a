using Credentials.Text;

namespace Credentials.Core.Tests.Text;

public sealed class CanonicalBase64Tests
{
    [Fact]
    public void TryDecodeExact_TheCanonicalSpelling_DecodesTheBytes()
    {
        byte[] bytes = [0xfb, 0xff, 0x00, 0x10, 0x20];
        Span<byte> decoded = stackalloc byte[bytes.Length];

        CanonicalBase64.TryDecodeExact(Convert.ToBase64String(bytes), decoded).Should().BeTrue();

        decoded.ToArray().Should().Equal(bytes);
    }

    [Theory]
    [InlineData("+/8AECA=", 4)]      // five bytes into a four-byte field
    [InlineData("+/8AECA=", 6)]      // five bytes into a six-byte field
    [InlineData("+/8AECB=", 5)]      // the same bytes with other trailing bits: a second spelling
    [InlineData("+/8AECA", 5)]       // padding left out
    [InlineData(" +/8AECA=", 5)]     // whitespace, which the platform decoder skips
    [InlineData("-_8AECA=", 5)]      // base64url's alphabet
    [InlineData("", 5)]
    public void TryDecodeExact_AnyOtherSpellingOrLength_IsRefused(string text, int length)
    {
        Span<byte> destination = stackalloc byte[length];

        CanonicalBase64.TryDecodeExact(text, destination).Should().BeFalse();
    }

    [Fact]
    public void TryDecodeExact_ADestinationAboveTheBound_Throws()
    {
        var act = () => CanonicalBase64.TryDecodeExact("AAAA", new byte[CanonicalBase64.MaxBytes + 1]);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
