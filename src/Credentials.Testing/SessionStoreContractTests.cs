using Credentials.Secrets;
using Credentials.Sessions;
using static Credentials.Testing.SecretHashes;

namespace Credentials.Testing;

/// <summary>
/// The contract every <see cref="ISessionStore"/> keeps, checked through the interface alone: sessions are found as
/// stored, a refresh token rotates only from the current hash (one winner among racing refreshes) and every earlier
/// hash still finds its session (reuse detection), ending is final, and purge removes only what expired. The
/// in-memory, EF Core (SQLite, PostgreSQL) and Redis stores run it; a host runs it against its own store by deriving
/// an xunit test class and returning a new, empty store from <see cref="CreateStoreAsync"/>.
/// </summary>
/// <remarks>Times are whole seconds so every database keeps them exactly; every instant is passed in, so no clock is needed.</remarks>
public abstract class SessionStoreContractTests
{
    /// <summary>The instant the suite's sessions are opened at unless a test says otherwise; they expire a day later.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 25, 9, 0, 0, TimeSpan.Zero);

    private static int _ids;

    /// <summary>A new, empty store for one test, wired as the host wires it.</summary>
    /// <returns>The store under test.</returns>
    protected abstract Task<ISessionStore> CreateStoreAsync();

    /// <summary>Refreshes racing each other for one session, 16 by default.</summary>
    protected virtual int ConcurrentRefreshes => 16;

    /// <summary>A stored session is found by its id with every field as given.</summary>
    [Fact]
    public async Task FindAsync_AfterCreate_ReturnsEveryStoredField()
    {
        var store = await CreateStoreAsync();
        var session = NewSession("user-1", refreshHash: RandomHash(), pepperId: "p1");

        await store.CreateAsync(session, CancellationToken.None);
        var found = await store.FindAsync(session.Id, CancellationToken.None);

        found.Should().Be(session);
    }

    /// <summary>A session bound to a security stamp keeps the stamp's hash, found by id and by refresh token alike.</summary>
    [Fact]
    public async Task FindAsync_SessionWithSecurityStampHash_ReturnsTheHash()
    {
        var store = await CreateStoreAsync();
        var refreshHash = RandomHash();
        var session = NewSession("user-1", refreshHash: refreshHash, pepperId: "p1") with { SecurityStampHash = RandomHash() };

        await store.CreateAsync(session, CancellationToken.None);

        (await store.FindAsync(session.Id, CancellationToken.None)).Should().Be(session);
        (await store.FindByRefreshTokenAsync(refreshHash, CancellationToken.None)).Should().Be(session);
    }

    /// <summary>A session without a refresh token keeps a null hash and pepper.</summary>
    [Fact]
    public async Task FindAsync_SessionWithoutRefreshToken_ReturnsNullHash()
    {
        var store = await CreateStoreAsync();
        var session = NewSession("user-1");

        await store.CreateAsync(session, CancellationToken.None);
        var found = await store.FindAsync(session.Id, CancellationToken.None);

        found.Should().Be(session);
        found!.RefreshTokenHash.Should().BeNull();
    }

    /// <summary>An id no session has finds nothing: null, not an exception.</summary>
    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewSession("user-1"), CancellationToken.None);

        (await store.FindAsync(NewId(), CancellationToken.None)).Should().BeNull();
    }

    /// <summary>A session is found by its current refresh token's hash; an unknown hash finds nothing.</summary>
    [Fact]
    public async Task FindByRefreshTokenAsync_CurrentAndUnknownHash_FindsOnlyTheCurrent()
    {
        var store = await CreateStoreAsync();
        var hash = RandomHash();
        var session = NewSession("user-1", refreshHash: hash);
        await store.CreateAsync(session, CancellationToken.None);

        (await store.FindByRefreshTokenAsync(hash, CancellationToken.None)).Should().Be(session);
        (await store.FindByRefreshTokenAsync(RandomHash(), CancellationToken.None)).Should().BeNull();
    }

    /// <summary>A rotation replaces the current hash; the spent hash still finds the session, now naming the new hash.</summary>
    [Fact]
    public async Task RotateRefreshTokenAsync_FromCurrent_ReplacesItAndKeepsTheSpentHashFindable()
    {
        var store = await CreateStoreAsync();
        var (first, second) = (RandomHash(), RandomHash());
        var session = NewSession("user-1", refreshHash: first, pepperId: "p1");
        await store.CreateAsync(session, CancellationToken.None);

        var rotated = await store.RotateRefreshTokenAsync(session.Id, first, second, "p2", CancellationToken.None);

        rotated.Should().BeTrue();
        var expected = session with { RefreshTokenHash = second, RefreshTokenPepperId = "p2" };
        (await store.FindAsync(session.Id, CancellationToken.None)).Should().Be(expected);
        (await store.FindByRefreshTokenAsync(second, CancellationToken.None)).Should().Be(expected);
        (await store.FindByRefreshTokenAsync(first, CancellationToken.None)).Should().Be(expected, "a spent token must still find its session, to be recognised as reused");
    }

    /// <summary>A rotation from a hash that is no longer current changes nothing.</summary>
    [Fact]
    public async Task RotateRefreshTokenAsync_FromSpentHash_ChangesNothing()
    {
        var store = await CreateStoreAsync();
        var (first, second, third) = (RandomHash(), RandomHash(), RandomHash());
        var session = NewSession("user-1", refreshHash: first);
        await store.CreateAsync(session, CancellationToken.None);
        await store.RotateRefreshTokenAsync(session.Id, first, second, null, CancellationToken.None);

        var rotated = await store.RotateRefreshTokenAsync(session.Id, first, third, null, CancellationToken.None);

        rotated.Should().BeFalse();
        (await store.FindAsync(session.Id, CancellationToken.None))!.RefreshTokenHash.Should().Be(second);
        (await store.FindByRefreshTokenAsync(third, CancellationToken.None)).Should().BeNull();
    }

    /// <summary>An ended session's refresh token never rotates, and an unknown session's neither.</summary>
    [Fact]
    public async Task RotateRefreshTokenAsync_EndedOrUnknownSession_ChangesNothing()
    {
        var store = await CreateStoreAsync();
        var first = RandomHash();
        var session = NewSession("user-1", refreshHash: first);
        await store.CreateAsync(session, CancellationToken.None);
        await store.EndAsync(session.Id, Now.AddMinutes(1), CancellationToken.None);

        (await store.RotateRefreshTokenAsync(session.Id, first, RandomHash(), null, CancellationToken.None)).Should().BeFalse();
        (await store.RotateRefreshTokenAsync(NewId(), RandomHash(), RandomHash(), null, CancellationToken.None)).Should().BeFalse();
        (await store.FindAsync(session.Id, CancellationToken.None))!.RefreshTokenHash.Should().Be(first);
    }

    /// <summary>Of many refreshes racing with one token, exactly one rotates it, and the session names the winner's hash.</summary>
    [Fact]
    public async Task RotateRefreshTokenAsync_RacingRefreshesWithOneToken_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var first = RandomHash();
        var session = NewSession("user-1", refreshHash: first);
        await store.CreateAsync(session, CancellationToken.None);
        var candidates = Enumerable.Range(0, ConcurrentRefreshes).Select(_ => RandomHash()).ToArray();

        var outcomes = await Task.WhenAll(candidates.Select(next =>
            Task.Run(async () => await store.RotateRefreshTokenAsync(session.Id, first, next, null, CancellationToken.None))));

        outcomes.Count(won => won).Should().Be(1);
        var winner = candidates[Array.IndexOf(outcomes, true)];
        (await store.FindAsync(session.Id, CancellationToken.None))!.RefreshTokenHash.Should().Be(winner);
    }

    /// <summary>Ending records the instant; a second ending, or ending an unknown session, answers false and changes nothing.</summary>
    [Fact]
    public async Task EndAsync_OpenSession_EndsItOnce()
    {
        var store = await CreateStoreAsync();
        var session = NewSession("user-1");
        await store.CreateAsync(session, CancellationToken.None);

        (await store.EndAsync(session.Id, Now.AddMinutes(1), CancellationToken.None)).Should().BeTrue();
        (await store.EndAsync(session.Id, Now.AddMinutes(2), CancellationToken.None)).Should().BeFalse();
        (await store.EndAsync(NewId(), Now, CancellationToken.None)).Should().BeFalse();

        (await store.FindAsync(session.Id, CancellationToken.None))!.EndedAt.Should().Be(Now.AddMinutes(1));
    }

    /// <summary>Ending all of a user's sessions ends only that user's open ones, and counts them.</summary>
    [Fact]
    public async Task EndAllAsync_User_EndsOnlyThatUsersOpenSessions()
    {
        var store = await CreateStoreAsync();
        var mine = new[] { NewSession("user-1"), NewSession("user-1"), NewSession("user-1") };
        var theirs = NewSession("user-2");
        foreach (var session in mine.Append(theirs))
        {
            await store.CreateAsync(session, CancellationToken.None);
        }

        await store.EndAsync(mine[0].Id, Now.AddMinutes(1), CancellationToken.None);

        var ended = await store.EndAllAsync("user-1", Now.AddMinutes(2), CancellationToken.None);

        ended.Should().Be(2, "the session ended before is not counted again");
        (await store.FindAsync(mine[0].Id, CancellationToken.None))!.EndedAt.Should().Be(Now.AddMinutes(1));
        (await store.FindAsync(mine[1].Id, CancellationToken.None))!.EndedAt.Should().Be(Now.AddMinutes(2));
        (await store.FindAsync(mine[2].Id, CancellationToken.None))!.EndedAt.Should().Be(Now.AddMinutes(2));
        (await store.FindAsync(theirs.Id, CancellationToken.None))!.EndedAt.Should().BeNull();
        (await store.EndAllAsync("user-3", Now, CancellationToken.None)).Should().Be(0);
    }

    /// <summary>Purge removes sessions expired at or before the cutoff, ended or not, with their refresh hashes; later ones stay, ended ones too.</summary>
    [Fact]
    public async Task PurgeExpiredAsync_Cutoff_RemovesOnlyExpiredSessions()
    {
        var store = await CreateStoreAsync();
        var (spent, current) = (RandomHash(), RandomHash());
        var expired = NewSession("user-1", refreshHash: spent, expiresAt: Now.AddHours(-1));
        var expiredAtCutoff = NewSession("user-1", expiresAt: Now);
        var endedButLive = NewSession("user-1", expiresAt: Now.AddHours(1));
        var live = NewSession("user-2", expiresAt: Now.AddHours(1));
        foreach (var session in new[] { expired, expiredAtCutoff, endedButLive, live })
        {
            await store.CreateAsync(session, CancellationToken.None);
        }

        await store.RotateRefreshTokenAsync(expired.Id, spent, current, null, CancellationToken.None);
        await store.EndAsync(endedButLive.Id, Now.AddMinutes(-5), CancellationToken.None);

        var purged = await store.PurgeExpiredAsync(Now, CancellationToken.None);

        purged.Should().Be(2);
        (await store.FindAsync(expired.Id, CancellationToken.None)).Should().BeNull();
        (await store.FindAsync(expiredAtCutoff.Id, CancellationToken.None)).Should().BeNull();
        (await store.FindByRefreshTokenAsync(spent, CancellationToken.None)).Should().BeNull();
        (await store.FindByRefreshTokenAsync(current, CancellationToken.None)).Should().BeNull();
        (await store.FindAsync(endedButLive.Id, CancellationToken.None)).Should().NotBeNull("an ended session is kept until it expires");
        (await store.FindAsync(live.Id, CancellationToken.None)).Should().NotBeNull();
        (await store.EndAllAsync("user-1", Now, CancellationToken.None)).Should().Be(0);
    }

    /// <summary>A session as the service opens one: a fresh 32-hex id, opened at <see cref="Now"/>.</summary>
    /// <param name="userId">Whose session.</param>
    /// <param name="refreshHash">Its current refresh token hash, or null.</param>
    /// <param name="pepperId">The pepper of that hash.</param>
    /// <param name="expiresAt">When it expires; a day after <see cref="Now"/> by default.</param>
    /// <returns>A session not yet stored.</returns>
    protected static Session NewSession(string userId, SecretHash? refreshHash = null, string? pepperId = null, DateTimeOffset? expiresAt = null) => new()
    {
        Id = NewId(),
        UserId = userId,
        CreatedAt = Now.AddHours(-2),
        ExpiresAt = expiresAt ?? Now.AddDays(1),
        RefreshTokenHash = refreshHash,
        RefreshTokenPepperId = refreshHash is null ? null : pepperId,
    };

    private static string NewId() => $"{Guid.NewGuid():N}"[..24] + Interlocked.Increment(ref _ids).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
