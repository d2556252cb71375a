using Credentials.Secrets;
using Credentials.Sessions;

namespace Credentials.Core.Tests.Sessions;

public sealed class SessionRefreshTests : IDisposable
{
    private readonly SessionTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task RefreshAsync_CurrentToken_RotatesIt()
    {
        var sessions = _kit.Instance();
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);

        var refreshed = await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None);

        refreshed.Succeeded.Should().BeTrue();
        refreshed.Session!.Id.Should().Be(opened.Session.Id);
        refreshed.RefreshToken.Should().NotBe(opened.RefreshToken).And.MatchRegex("^[0-9A-Za-z]{43}$");
        refreshed.ToString().Should().NotContain(refreshed.RefreshToken!);
        (await sessions.RefreshAsync(refreshed.RefreshToken, CancellationToken.None)).Succeeded.Should().BeTrue("the new token is the current one");
    }

    [Fact]
    public async Task RefreshAsync_SpentTokenPresentedAgain_EndsTheWholeSession()
    {
        var a = _kit.Instance();
        var b = _kit.Instance();
        var opened = await a.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);
        var refreshed = await a.RefreshAsync(opened.RefreshToken, CancellationToken.None);
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();

        var reused = await a.RefreshAsync(opened.RefreshToken, CancellationToken.None);

        reused.Failure.Should().Be(SessionRefreshFailure.Reused);
        (await a.RefreshAsync(refreshed.RefreshToken, CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.Ended, "the thief's and the user's tokens die together");
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded, "its JWTs are refused on every instance");
        _kit.Logger.Entries.Should().Contain(e => e.Id.Id == 8003).And.NotContain(e => e.Message.Contains(opened.RefreshToken!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshAsync_TwoHoldersRacingWithOneToken_OneWinsAndTheSessionEnds()
    {
        var sessions = _kit.Instance();
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(async () => await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None))));

        outcomes.Count(r => r.Succeeded).Should().BeLessThanOrEqualTo(1);
        outcomes.Should().Contain(r => r.Failure == SessionRefreshFailure.Reused);
        (await _kit.Store.FindAsync(opened.Session.Id, CancellationToken.None))!.EndedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task RefreshAsync_AfterLogout_RefusedAsEnded()
    {
        var sessions = _kit.Instance();
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);

        await sessions.EndAsync(opened.Session.Id, CancellationToken.None);

        (await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.Ended);
    }

    [Fact]
    public async Task RefreshAsync_SessionExpired_RefusedAsExpired()
    {
        var sessions = _kit.Instance();
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);

        _kit.Time.Advance(TimeSpan.FromDays(30));

        (await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.Expired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef-")]
    [InlineData("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg0")]
    public async Task RefreshAsync_MalformedToken_RefusedBeforeTheStore(string? token)
    {
        var sessions = _kit.Instance();

        (await sessions.RefreshAsync(token, CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.Malformed);
        (await sessions.RefreshAsync(new string('a', 1_000_000), CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.Malformed);
    }

    [Fact]
    public async Task RefreshAsync_WellFormedButUnknown_RefusedAsUnknown()
    {
        var sessions = _kit.Instance();

        (await sessions.RefreshAsync(new string('A', 43), CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.Unknown);
    }

    [Fact]
    public async Task RefreshAsync_RefreshTokensOff_RefusedAsNotEnabled()
    {
        var on = _kit.Instance();
        var off = _kit.Instance(o => o.EnableRefreshTokens = false);
        var opened = await on.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);

        (await off.RefreshAsync(opened.RefreshToken, CancellationToken.None)).Failure.Should().Be(SessionRefreshFailure.NotEnabled);
    }

    [Fact]
    public async Task RefreshAsync_Peppered_StoresOnlyThePepperedHash()
    {
        var hashing = new SecretHashingOptions { CurrentPepperId = "p1" };
        hashing.Peppers["p1"] = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var sessions = _kit.Instance(hashing: hashing);
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(30), CancellationToken.None);

        var stored = await _kit.Store.FindAsync(opened.Session.Id, CancellationToken.None);

        stored!.RefreshTokenPepperId.Should().Be("p1");
        stored.RefreshTokenHash.Should().NotBe(SecretHasher.Sha256(opened.RefreshToken));
        (await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None)).Succeeded.Should().BeTrue();
    }
}
