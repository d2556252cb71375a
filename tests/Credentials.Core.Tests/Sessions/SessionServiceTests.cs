using Credentials.Sessions;

namespace Credentials.Core.Tests.Sessions;

public sealed class SessionServiceTests : IDisposable
{
    private readonly SessionTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task OpenAsync_User_StoresAnOpenSessionWithA32HexIdAndARefreshTokenHash()
    {
        var sessions = _kit.Instance();

        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);

        opened.Session.Id.Should().MatchRegex("^[0-9a-f]{32}$");
        opened.RefreshToken.Should().MatchRegex("^[0-9A-Za-z]{43}$");
        var stored = await _kit.Store.FindAsync(opened.Session.Id, CancellationToken.None);
        stored.Should().Be(opened.Session);
        stored!.RefreshTokenHash.Should().NotBeNull();
        opened.ToString().Should().NotContain(opened.RefreshToken);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task OpenAsync_RefreshTokensOff_StoresNoRefreshTokenHash()
    {
        var sessions = _kit.Instance(o => o.EnableRefreshTokens = false);

        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);

        opened.RefreshToken.Should().BeNull();
        opened.Session.RefreshTokenHash.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("user\n1")]
    public async Task OpenAsync_UnusableUserId_Throws(string userId)
    {
        var sessions = _kit.Instance();

        var open = async () => await sessions.OpenAsync(userId, SessionTestKit.Start.AddDays(1), CancellationToken.None);

        await open.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task CheckAsync_EndedOnThisInstance_RefusedAtOnceThoughRemembered()
    {
        var sessions = _kit.Instance();
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();

        (await sessions.EndAsync(opened.Session.Id, CancellationToken.None)).Should().BeTrue();

        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task CheckAsync_EndedOnAnotherInstance_RefusedWhenTheChannelMessageArrives()
    {
        var a = _kit.Instance();
        var b = _kit.Instance();
        var opened = await a.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue("b now remembers it open");

        await a.EndAsync(opened.Session.Id, CancellationToken.None);

        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task CheckAsync_AllSessionsEndedOnAnotherInstance_RefusedWhenTheChannelMessageArrives()
    {
        var a = _kit.Instance();
        var b = _kit.Instance();
        var first = await a.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        var second = await a.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        var other = await a.OpenAsync("user-2", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        foreach (var id in new[] { first.Session.Id, second.Session.Id, other.Session.Id })
        {
            (await b.CheckAsync(id, CancellationToken.None)).Succeeded.Should().BeTrue();
        }

        (await a.EndAllAsync("user-1", CancellationToken.None)).Should().Be(2);

        (await b.CheckAsync(first.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
        (await b.CheckAsync(second.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
        (await b.CheckAsync(other.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task CheckAsync_ChannelCut_RefusedOnTheOtherInstanceOnceTheCheckIntervalPasses()
    {
        var a = _kit.Instance(o => o.CheckInterval = TimeSpan.FromSeconds(30));
        var b = _kit.Instance(o => o.CheckInterval = TimeSpan.FromSeconds(30));
        var opened = await a.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
        foreach (var channel in _kit.Channels)
        {
            channel.SendFault = new InvalidOperationException("the transport is down");
        }

        await a.EndAsync(opened.Session.Id, CancellationToken.None);

        (await a.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded, "local delivery needs no transport");
        _kit.Time.Advance(TimeSpan.FromSeconds(29));
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue("b has heard nothing yet and trusts its answer for the interval");
        _kit.Time.Advance(TimeSpan.FromSeconds(1));
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task CheckAsync_ChannelReconnects_EverythingIsForgotten()
    {
        var a = _kit.Instance();
        var b = _kit.Instance();
        var opened = await a.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
        await _kit.Store.EndAsync(opened.Session.Id, SessionTestKit.Start, CancellationToken.None);

        _kit.Channels[1].Reconnected();

        (await b.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task CheckAsync_ZeroInterval_ReadsTheStoreEveryTime()
    {
        var sessions = _kit.Instance(o => o.CheckInterval = TimeSpan.Zero);
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();

        await _kit.Store.EndAsync(opened.Session.Id, SessionTestKit.Start, CancellationToken.None);

        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task CheckAsync_SessionPastItsExpiry_RefusedAsExpiredEvenWhenRemembered()
    {
        var sessions = _kit.Instance(o => o.CheckInterval = TimeSpan.FromHours(1));
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddMinutes(10), CancellationToken.None);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();

        _kit.Time.Advance(TimeSpan.FromMinutes(10));

        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionExpired);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    [InlineData("bad\u0000id")]
    public async Task CheckAsync_UnknownOrUnusableId_RefusedAsUnknown(string sessionId)
    {
        var sessions = _kit.Instance();

        (await sessions.CheckAsync(sessionId, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.UnknownSession);
        (await sessions.CheckAsync(new string('a', Session.MaxIdLength + 1), CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.UnknownSession);
    }

    [Fact]
    public async Task CheckAsync_Remembered_AnswersWithTheSameInstanceWithoutTheStore()
    {
        var sessions = _kit.Instance();
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        var first = await sessions.CheckAsync(opened.Session.Id, CancellationToken.None);

        // Changed behind the service's back (no message): the remembered answer stands until the interval passes.
        await _kit.Store.EndAsync(opened.Session.Id, SessionTestKit.Start, CancellationToken.None);
        var again = sessions.CheckAsync(opened.Session.Id, CancellationToken.None);

        again.IsCompletedSuccessfully.Should().BeTrue("a remembered answer needs no await");
        (await again).Should().BeSameAs(first);
    }
}
