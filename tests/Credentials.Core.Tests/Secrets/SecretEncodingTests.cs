using Credentials.Secrets;

namespace Credentials.Core.Tests.Secrets;

public class SecretEncodingTests
{
    [Fact]
    public void Crc32_StandardCheckInput_MatchesPublishedCheckValue()
    {
        // The CRC-32/ISO-HDLC catalogue check value for "123456789" (Greg Cook's CRC catalogue).
        Crc32.OfAscii("123456789").Should().Be(0xCBF43926u);
    }

    [Fact]
    public void Crc32_OneCharacterChanged_ChangesChecksum()
    {
        Crc32.OfAscii("cc_live_abc").Should().NotBe(Crc32.OfAscii("cc_live_abd"));
    }

    [Fact]
    public void FillRandomBase62_BytesAboveRejectionLimit_AreSkipped()
    {
        // 248..255 would bias the alphabet if taken modulo 62; they must be skipped, not mapped.
        var random = new FixedSecretRandom(255, 248, 0, 61, 62, 247);
        Span<char> text = stackalloc char[4];

        SecretEncoding.FillRandomBase62(random, text);

        text.ToString().Should().Be("0z0z");
    }

    [Fact]
    public void FillRandomBase62_FromCsprng_UsesWholeAlphabetOnly()
    {
        var text = new char[62 * 200];

        SecretEncoding.FillRandomBase62(CryptoSecretRandom.Instance, text);

        text.Should().OnlyContain(c => SecretEncoding.Base62Alphabet.Contains(c));
        text.Distinct().Should().HaveCount(62, "12,400 uniform draws cover all 62 characters with overwhelming probability");
    }

    [Theory]
    [InlineData(256, 43)]
    [InlineData(128, 22)]
    [InlineData(160, 27)]
    public void Base62LengthFor_Bits_GivesEnoughCharacters(int bits, int expected)
    {
        SecretEncoding.Base62LengthFor(bits).Should().Be(expected);
        (expected * SecretEncoding.BitsPerBase62Char).Should().BeGreaterThanOrEqualTo(bits);
    }

    [Theory]
    [InlineData(0UL, "000000")]
    [InlineData(61UL, "00000z")]
    [InlineData(62UL, "000010")]
    [InlineData(0xFFFFFFFFUL, "4gfFC3")]
    public void WriteBase62_Value_IsFixedWidthBigEndian(ulong value, string expected)
    {
        Span<char> text = stackalloc char[6];

        SecretEncoding.WriteBase62(value, text);

        text.ToString().Should().Be(expected);
    }

    [Fact]
    public void WriteLowerHex_Bytes_AreLowercasePairs()
    {
        Span<char> text = stackalloc char[6];

        SecretEncoding.WriteLowerHex([0x00, 0xAB, 0xF9], text);

        text.ToString().Should().Be("00abf9");
    }

    [Theory]
    [InlineData("0123456789abcdef", true)]
    [InlineData("ABCDEF", false)]
    [InlineData("g", false)]
    [InlineData("١٢٣", false)]
    public void IsLowerHex_Text_AcceptsOnlyLowercaseAsciiHex(string text, bool expected) =>
        SecretEncoding.IsLowerHex(text).Should().Be(expected);

    [Theory]
    [InlineData("abcXYZ019", true)]
    [InlineData("abc_", false)]
    [InlineData("abcé", false)]
    [InlineData("abc\u0000", false)]
    public void IsBase62_Text_AcceptsOnlyAsciiLettersAndDigits(string text, bool expected) =>
        SecretEncoding.IsBase62(text).Should().Be(expected);
}
