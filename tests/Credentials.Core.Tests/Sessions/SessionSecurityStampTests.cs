using Credentials.Sessions;

namespace Credentials.Core.Tests.Sessions;

/// <summary>A session opened with a security stamp ends once the stamp source answers another, when it is read from its store.</summary>
public sealed class SessionSecurityStampTests : IDisposable
{
    private readonly SessionTestKit _kit = new();
    private readonly Stamps _stamps = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task OpenAsync_WithStamp_StoresItsHashNeverTheStamp()
    {
        var opened = await _kit.Instance(stamps: _stamps).OpenAsync("user-1", SessionTestKit.Start.AddDays(1), "stamp-1", CancellationToken.None);

        opened.Session.SecurityStampHash.Should().NotBeNull();
        opened.Session.ToString().Should().NotContain("stamp-1");
        (await _kit.Store.FindAsync(opened.Session.Id, CancellationToken.None))!.SecurityStampHash.Should().Be(opened.Session.SecurityStampHash);
    }

    [Fact]
    public async Task CheckAsync_StampChanged_EndedWhenTheRememberedAnswerLapses()
    {
        var sessions = _kit.Instance(stamps: _stamps);
        _stamps.Current = "stamp-1";
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), "stamp-1", CancellationToken.None);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();

        _stamps.Current = "stamp-2";
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue("the answer is remembered for CheckInterval");
        _kit.Time.Advance(TimeSpan.FromMinutes(1));

        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
        (await _kit.Store.FindAsync(opened.Session.Id, CancellationToken.None))!.EndedAt.Should().NotBeNull();
        _kit.Logger.Entries.Select(e => e.Id.Id).Should().Contain(8006);
    }

    [Fact]
    public async Task CheckAsync_UserGone_Ended()
    {
        var sessions = _kit.Instance(o => o.CheckInterval = TimeSpan.Zero, stamps: _stamps);
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), "stamp-1", CancellationToken.None);

        _stamps.Current = null;

        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task CheckAsync_SessionWithoutStamp_SourceNeverAsked()
    {
        var sessions = _kit.Instance(o => o.CheckInterval = TimeSpan.Zero, stamps: _stamps);
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), CancellationToken.None);
        _stamps.Current = "another";

        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
        _stamps.Reads.Should().Be(0);
    }

    [Fact]
    public async Task RefreshAsync_StampChanged_EndedAtOnce()
    {
        var sessions = _kit.Instance(stamps: _stamps);
        _stamps.Current = "stamp-1";
        var opened = await sessions.OpenAsync("user-1", SessionTestKit.Start.AddDays(1), "stamp-1", CancellationToken.None);
        var first = await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None);
        first.Succeeded.Should().BeTrue();

        _stamps.Current = "stamp-2";
        var refreshed = await sessions.RefreshAsync(first.RefreshToken, CancellationToken.None);

        refreshed.Failure.Should().Be(SessionRefreshFailure.Ended);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    private sealed class Stamps : ISecurityStampSource
    {
        public string? Current { get; set; } = "stamp-1";

        public int Reads { get; private set; }

        public ValueTask<string?> FindSecurityStampAsync(string userId, CancellationToken cancellationToken)
        {
            Reads++;
            return ValueTask.FromResult(Current);
        }
    }
}
