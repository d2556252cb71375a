using Credentials.Secrets;

namespace Credentials.Core.Tests.Secrets;

public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("abc", 0x352441C2u)]
    [InlineData("message digest", 0x20159D7Fu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void OfAscii_PublishedVectors_Match(string text, uint expected) =>
        Crc32.OfAscii(text).Should().Be(expected);

    [Fact]
    public void OfAscii_EveryLengthUpTo100_MatchesBitwiseReference()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => SecretEncoding.Base62Alphabet[(i * 7) % 62]));

        for (var length = 0; length <= text.Length; length++)
        {
            Crc32.OfAscii(text.AsSpan(0, length)).Should().Be(BitwiseCrc32(text.AsSpan(0, length)), $"length {length}");
        }
    }

    /// <summary>The CRC-32 definition, one bit at a time, with no tables: an independent reference.</summary>
    private static uint BitwiseCrc32(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc ^= (byte)c;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
