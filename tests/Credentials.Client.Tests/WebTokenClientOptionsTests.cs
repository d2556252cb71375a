using Credentials.Client.DependencyInjection;

namespace Credentials.Client.Tests;

/// <summary>A manager refuses options out of range with a message that names the setting.</summary>
public class WebTokenClientOptionsTests
{
    [Theory]
    [InlineData(0.0, 0.05, 30, "RefreshAfter")]
    [InlineData(1.0, 0.0, 30, "RefreshAfter")]
    [InlineData(0.9, 0.2, 30, "RefreshJitter")]
    [InlineData(0.75, -0.1, 30, "RefreshJitter")]
    [InlineData(0.75, 0.05, -1, "ExpiryMargin")]
    [InlineData(double.NaN, 0.05, 30, "RefreshAfter")]
    [InlineData(0.75, double.NaN, 30, "RefreshJitter")]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(double refreshAfter, double jitter, int marginSeconds, string name)
    {
        var options = new WebTokenClientOptions
        {
            RefreshAfter = refreshAfter,
            RefreshJitter = jitter,
            ExpiryMargin = TimeSpan.FromSeconds(marginSeconds),
        };

        var act = () => new WebTokenManager(_ => default, options);

        act.Should().Throw<ArgumentException>().WithMessage($"*{name}*");
    }

    [Theory]
    [InlineData(50)]
    [InlineData(36_500)]
    public void Constructor_FetchTimeoutBeyondWhatATimerTakes_ThrowsNamingIt(int days)
    {
        // Task.WaitAsync refuses timeouts past about 49.7 days: unchecked, every fetch failed at run time instead.
        var options = new WebTokenClientOptions { FetchTimeout = TimeSpan.FromDays(days) };

        var act = () => new WebTokenManager(_ => default, options);

        act.Should().Throw<ArgumentException>().WithMessage("*FetchTimeout*at most*");
    }

    [Fact]
    public void Constructor_RetryDelaysOutOfOrder_ThrowsNamingThem()
    {
        var options = new WebTokenClientOptions { InitialRetryDelay = TimeSpan.FromMinutes(2), MaxRetryDelay = TimeSpan.FromMinutes(1) };

        var act = () => new WebTokenManager(_ => default, options);

        act.Should().Throw<ArgumentException>().WithMessage("*InitialRetryDelay*MaxRetryDelay*");
    }

    [Fact]
    public void Constructor_ZeroFetchTimeout_ThrowsNamingIt()
    {
        var act = () => new WebTokenManager(_ => default, new WebTokenClientOptions { FetchTimeout = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().WithMessage("*FetchTimeout*");
    }

    [Fact]
    public void Validate_SeveralSettingsWrong_ReportsEachNamingTheClient()
    {
        var options = new WebTokenClientOptions { RefreshAfter = 2, ExpiryMargin = TimeSpan.FromSeconds(-1) };

        var result = WebTokenClientOptionsValidator.Instance.Validate("vendor", options);

        result.Failures.Should().HaveCount(2)
            .And.Contain(f => f.Contains("WebTokenClientOptions.RefreshAfter must be between 0 exclusive and 1 exclusive", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("WebTokenClientOptions.ExpiryMargin must not be negative", StringComparison.Ordinal))
            .And.OnlyContain(f => f.EndsWith("(HttpClient 'vendor', AddWebTokenHandler)", StringComparison.Ordinal));
    }
}
