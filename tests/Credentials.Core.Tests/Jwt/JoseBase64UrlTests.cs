using System.Text;
using Credentials.Jwt;

namespace Credentials.Core.Tests.Jwt;

public class JoseBase64UrlTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Zg", "f")]
    [InlineData("Zm8", "fo")]
    [InlineData("Zm9v", "foo")]
    [InlineData("Zm9vYmFy", "foobar")]
    [InlineData("-_8", "\u00fb\u00ff")]
    public void Decode_CanonicalText_GivesTheBytes(string text, string latin1)
    {
        var bytes = new byte[JoseBase64Url.DecodedLength(text.Length)];

        JoseBase64Url.Decode(text, bytes).Should().Be(Base64UrlStatus.Decoded);
        bytes.Should().Equal(Encoding.Latin1.GetBytes(latin1));
    }

    [Theory]
    [InlineData("Zh", true)]
    [InlineData("Zm9=", true)]
    [InlineData("Zg==", true)]
    [InlineData("+/8", true)]
    [InlineData("Zm9", true)]
    [InlineData("Z", false)]
    [InlineData("Zm9v!", false)]
    [InlineData("Zm 9", false)]
    [InlineData("Zé9v", false)]
    public void Decode_OtherText_Refused(string text, bool nonCanonical)
    {
        var length = JoseBase64Url.DecodedLength(text.Length);
        var bytes = new byte[Math.Max(length, 0)];

        JoseBase64Url.Decode(text, bytes).Should().Be(nonCanonical ? Base64UrlStatus.NonCanonical : Base64UrlStatus.Invalid);
    }

    [Fact]
    public void Encode_RoundTripsEveryByte()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        JoseBase64Url.DecodeOrNull(JoseBase64Url.Encode(bytes)).Should().Equal(bytes);
    }
}
