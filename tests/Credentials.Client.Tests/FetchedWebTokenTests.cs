namespace Credentials.Client.Tests;

public class FetchedWebTokenTests
{
    [Fact]
    public void FromUnixSeconds_WebTokenApiJson_ReadsTokenAndExpiry()
    {
        var fetched = FetchedWebToken.FromUnixSeconds("d908c2f4e1a7", 1711358088);

        fetched.Token.Should().Be("d908c2f4e1a7");
        fetched.ExpiresAt.Should().Be(new DateTimeOffset(2024, 3, 25, 9, 14, 48, TimeSpan.Zero));
        fetched.ExpiresAtUnixSeconds.Should().Be(1711358088);
    }

    [Fact]
    public void ToString_Always_RedactsTheToken()
    {
        var fetched = FetchedWebToken.FromUnixSeconds("d908c2f4e1a7", 1711358088);

        fetched.ToString().Should().NotContain("d908").And.Contain("redacted");
    }

    [Fact]
    public void Constructor_EmptyToken_Throws()
    {
        var act = () => new FetchedWebToken(string.Empty, DateTimeOffset.MaxValue);

        act.Should().Throw<ArgumentException>();
    }
}
