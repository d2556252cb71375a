using Credentials.AspNetCore.Endpoints;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class ApiTimestampFormatTests
{
    [Fact]
    public void Format_WholeSecond_WritesSixZeroMicrosecondsAndZ() =>
        ApiTimestampFormat.Format(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)).Should().Be("2026-12-31T23:59:59.000000Z");

    [Fact]
    public void Format_OffsetValue_WritesUtc() =>
        ApiTimestampFormat.Format(new DateTimeOffset(2026, 1, 1, 2, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4560)).Should().Be("2026-01-01T00:00:00.123456Z");

    [Fact]
    public void Format_Null_IsNull() => ApiTimestampFormat.Format((DateTimeOffset?)null).Should().BeNull();

    [Theory]
    [InlineData("2026-12-31T23:59:59.000000Z", "2026-12-31T23:59:59.0000000+00:00")]
    [InlineData("2026-12-31T23:59:59Z", "2026-12-31T23:59:59.0000000+00:00")]
    [InlineData("2026-12-31T23:59:59.1234567Z", "2026-12-31T23:59:59.1234567+00:00")]
    [InlineData("2027-01-01T01:59:59+02:00", "2026-12-31T23:59:59.0000000+00:00")]
    public void TryParse_Rfc3339_ReadsTheInstant(string text, string expectedUtc)
    {
        ApiTimestampFormat.TryParse(text, out var value).Should().BeTrue();

        value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expectedUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12/31/2026")]
    [InlineData("tomorrow")]
    [InlineData("2026-12-31")]
    [InlineData("2026-12-31 23:59:59Z")]
    [InlineData("2026-12-31T23:59:59")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-12-31T24:00:00Z")]
    [InlineData("2026-12-31T23:59:59.12345678Z")]
    [InlineData("２０２６-12-31T23:59:59Z")]
    [InlineData("2026-12-31T23:59:59Z\n")]
    [InlineData("1798761599")]
    public void TryParse_LooseOrInvalid_IsRefused(string text) =>
        ApiTimestampFormat.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void TryParse_Huge_IsRefused() => ApiTimestampFormat.TryParse(new string('9', 100_000), out _).Should().BeFalse();
}
