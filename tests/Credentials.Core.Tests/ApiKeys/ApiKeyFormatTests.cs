using System.Text.RegularExpressions;
using Credentials.ApiKeys;
using Credentials.Core.Tests.Secrets;

namespace Credentials.Core.Tests.ApiKeys;

public class ApiKeyFormatTests
{
    /// <summary>The scanner pattern the README publishes; it must match every key we issue.</summary>
    private static readonly Regex ScannerPattern = new("^cc_(live|test)_[0-9A-Za-z]{49}$", RegexOptions.CultureInvariant);

    private static readonly ApiKeyFormat Live = new(new ApiKeyOptions());

    // Expected values computed independently (Python: zlib.crc32 of prefix + secret, written as 6 base62 digits).
    [Theory]
    [InlineData("cc_live_", new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42 }, "cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")]
    [InlineData("cc_test_", new byte[] { 255, 61, 0 }, "cc_test_z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z0z2SrVkr")]
    public void Render_FixedRandom_KnownKey(string prefix, byte[] random, string expected)
    {
        var format = new ApiKeyFormat(new ApiKeyOptions { Prefix = prefix });

        var key = format.Render(new FixedSecretRandom(random));

        key.Should().Be(expected);
        format.IsWellFormed(key).Should().BeTrue();
    }

    [Fact]
    public void Render_DefaultOptions_PrefixPlus43SecretPlus6Checksum()
    {
        var key = Live.Render(Credentials.Secrets.CryptoSecretRandom.Instance);

        key.Should().StartWith("cc_live_").And.HaveLength(8 + 43 + 6);
        Live.Length.Should().Be(57);
        ScannerPattern.IsMatch(key).Should().BeTrue();
        Live.IsWellFormed(key).Should().BeTrue();
    }

    [Fact]
    public void Render_MoreSecretBits_LongerSecret()
    {
        var format = new ApiKeyFormat(new ApiKeyOptions { SecretBits = 512 });

        format.SecretLength.Should().Be(86);
        format.IsWellFormed(format.Render(Credentials.Secrets.CryptoSecretRandom.Instance)).Should().BeTrue();
    }

    [Fact]
    public void Render_ManyKeys_AllDistinct()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => Live.Render(Credentials.Secrets.CryptoSecretRandom.Instance));

        keys.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("")]
    [InlineData("cc_live_")]
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5G")] // one short
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GNN")] // one long
    [InlineData("cc_test_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")] // other environment's prefix
    [InlineData("CC_LIVE_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")] // prefix case
    [InlineData("cc_live_0123456789abcdefghijklmnopqrstuvwxyzabcdefg22P5GN")] // secret case
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22p5gn")] // checksum case
    [InlineData("cc_live_1123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")] // one-character typo
    [InlineData("cc_live_1023456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")] // swapped neighbours
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GM")] // checksum typo
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef-22P5GN")] // outside the alphabet
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefé22P5GN")] // non-ASCII letter
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef٣22P5GN")] // non-ASCII digit
    [InlineData(" cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5G")] // leading space
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5G\n")] // trailing newline
    public void IsWellFormed_NotAnIssuedShape_False(string candidate) =>
        Live.IsWellFormed(candidate).Should().BeFalse();

    [Theory]
    [InlineData("cc_live_", true)]
    [InlineData("cc_test_", true)]
    [InlineData("k_", true)]
    [InlineData("_", true)]
    [InlineData("acme2_prod_", true)]
    [InlineData("abcdefghijklmno_", true)]
    [InlineData("abcdefghijklmnop_", false)] // 17 characters
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("cc_live", false)] // no trailing underscore
    [InlineData("CC_LIVE_", false)]
    [InlineData("cc-live_", false)]
    [InlineData("cc live_", false)]
    [InlineData("çc_live_", false)]
    public void IsValidPrefix_Candidates_AcceptsOnlyLowercaseAsciiEndingInUnderscore(string? prefix, bool expected) =>
        ApiKeyFormat.IsValidPrefix(prefix).Should().Be(expected);
}
