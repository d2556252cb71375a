using Credentials.Text;

namespace Credentials.Core.Tests.Text;

public class UnicodeTextTests
{
    // Lone surrogates do not survive xUnit's serialisation of inline data, so this data is not enumerated at discovery.
    public static TheoryData<string, bool> Surrogates() => new()
    {
        { string.Empty, true },
        { "plain ascii", true },
        { "emoji \U0001F600 pair", true },
        { "Üretim ключ", true },
        { "lone high \uD800", false },
        { "lone high at the end \uDBFF", false },
        { "lone low \uDC00 here", false },
        { "reversed \uDC00\uD800", false },
    };

    public static TheoryData<string, bool, bool> Controls() => new()
    {
        { "tab\there", false, true },
        { "line\nbreak", false, true },
        { "carriage\rreturn", false, true },
        { "nul\0byte", false, false },
        { "escape\u001b[31m", false, false },
        { "delete\u007f", false, false },
        { "c1 next line\u0085", false, false },
        { "c1 end\u009f", false, false },
        { "no-break space\u00a0 is printable", true, true },
        { "zero width joiner\u200d is printable", true, true },
    };

    [Theory]
    [MemberData(nameof(Surrogates), DisableDiscoveryEnumeration = true)]
    public void IsWellFormed_Text_TrueOnlyWhenEverySurrogateIsPaired(string text, bool expected)
    {
        UnicodeText.IsWellFormed(text).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Surrogates), DisableDiscoveryEnumeration = true)]
    public void IsPrintable_Surrogates_SameAsWellFormed(string text, bool expected)
    {
        UnicodeText.IsPrintable(text).Should().Be(expected);
        UnicodeText.IsPrintable(text, allowTabsAndLineBreaks: true).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void IsPrintable_ControlCharacters_RefusedUnlessTabsAndLineBreaksAreAllowed(string text, bool strict, bool lenient)
    {
        UnicodeText.IsPrintable(text).Should().Be(strict);
        UnicodeText.IsPrintable(text, allowTabsAndLineBreaks: true).Should().Be(lenient);
    }

    [Fact]
    public void IsPrintable_EveryControlCodePoint_Refused()
    {
        var controls = Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .Where(c => !char.IsSurrogate(c) && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Control);

        controls.Should().OnlyContain(c => !UnicodeText.IsPrintable(c.ToString()));
        controls.Should().HaveCount(65);
    }
}
