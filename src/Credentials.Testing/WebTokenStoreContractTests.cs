using Credentials.WebTokens;
using static Credentials.Testing.SecretHashes;

namespace Credentials.Testing;

/// <summary>
/// The contract every <see cref="IWebTokenStore"/> keeps, checked through the interface alone: above all that a subject
/// has at most one token, whatever the concurrency. The in-memory store and the EF Core stores (SQLite, PostgreSQL) run
/// it; a host runs it against its own store by deriving an xunit test class and returning a new, empty store from
/// <see cref="CreateStoreAsync"/>.
/// </summary>
/// <remarks>
/// The tests are xunit v2 facts, so the deriving project references <c>xunit</c> 2.9 and its runner. Every instant a
/// store keeps or compares is passed to it, so the suite needs no clock; times are whole seconds so every database keeps
/// them exactly.
/// </remarks>
public abstract partial class WebTokenStoreContractTests
{
    /// <summary>The instant the suite's tokens are issued at unless a test says otherwise; they expire an hour later.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A new, empty store for one test, wired as the host wires it (for a database: a new or emptied database per call).
    /// Each test calls this once; the same instance is then called from many threads at once.
    /// </summary>
    /// <returns>The store under test.</returns>
    protected abstract Task<IWebTokenStore> CreateStoreAsync();

    /// <summary>
    /// Rounds of the concurrent replacement tests, 20 by default: an in-process store can afford more to catch rarer
    /// interleavings; a durable store may lower it to keep runs short.
    /// </summary>
    protected virtual int ConcurrencyRounds => 20;

    /// <summary>Writers racing each other for one subject in each round, 16 by default.</summary>
    protected virtual int ConcurrentWriters => 16;

    /// <summary>A stored token is found by its hash with its subject, pepper id, issue and expiry instants as given.</summary>
    [Fact]
    public async Task FindByHashAsync_AfterReplace_ReturnsEveryStoredField()
    {
        var store = await CreateStoreAsync();
        var token = NewToken("subject-1", pepperId: "p1");

        await store.ReplaceAsync(token, CancellationToken.None);
        var found = await store.FindByHashAsync(token.Hash, CancellationToken.None);

        found.Should().NotBeNull();
        found!.Subject.Should().Be("subject-1");
        found.Hash.Should().Be(token.Hash);
        found.PepperId.Should().Be("p1");
        found.IssuedAt.Should().Be(token.IssuedAt);
        found.ExpiresAt.Should().Be(token.ExpiresAt);
    }

    /// <summary>A hash no token has finds nothing: null, not an exception.</summary>
    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.ReplaceAsync(NewToken("subject-1"), CancellationToken.None);

        var found = await store.FindByHashAsync(RandomHash(), CancellationToken.None);

        found.Should().BeNull();
    }

    /// <summary>An expired token is found until purged: judging expiry is the service's job, not the store's.</summary>
    [Fact]
    public async Task FindByHashAsync_ExpiredButNotPurged_ReturnsTokenForTheServiceToJudge()
    {
        var store = await CreateStoreAsync();
        var token = NewToken("subject-1", expiresAt: Now.AddHours(-1), issuedAt: Now.AddHours(-2));

        await store.ReplaceAsync(token, CancellationToken.None);

        (await store.FindByHashAsync(token.Hash, CancellationToken.None)).Should().NotBeNull();
    }

    /// <summary>A subject has one token: replacing it makes the earlier one unfindable.</summary>
    [Fact]
    public async Task ReplaceAsync_SecondTokenForSubject_FirstIsNoLongerFound()
    {
        var store = await CreateStoreAsync();
        var first = NewToken("subject-1");
        var second = NewToken("subject-1");

        await store.ReplaceAsync(first, CancellationToken.None);
        await store.ReplaceAsync(second, CancellationToken.None);

        (await store.FindByHashAsync(first.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(second.Hash, CancellationToken.None))!.Hash.Should().Be(second.Hash);
    }

    /// <summary>Replacing one subject's token leaves every other subject's token alone.</summary>
    [Fact]
    public async Task ReplaceAsync_OtherSubject_LeavesFirstSubjectsTokenAlone()
    {
        var store = await CreateStoreAsync();
        var mine = NewToken("subject-1");
        var theirs = NewToken("subject-2");

        await store.ReplaceAsync(mine, CancellationToken.None);
        await store.ReplaceAsync(theirs, CancellationToken.None);

        (await store.FindByHashAsync(mine.Hash, CancellationToken.None))!.Subject.Should().Be("subject-1");
        (await store.FindByHashAsync(theirs.Hash, CancellationToken.None))!.Subject.Should().Be("subject-2");
    }

    /// <summary>Subjects compare ordinally: subjects differing only in case each keep their own token.</summary>
    [Fact]
    public async Task ReplaceAsync_SubjectsDifferingOnlyInCase_AreDifferentSubjects()
    {
        var store = await CreateStoreAsync();
        var lower = NewToken("subject-a");
        var upper = NewToken("SUBJECT-A");

        await store.ReplaceAsync(lower, CancellationToken.None);
        await store.ReplaceAsync(upper, CancellationToken.None);

        (await store.FindByHashAsync(lower.Hash, CancellationToken.None)).Should().NotBeNull();
        (await store.FindByHashAsync(upper.Hash, CancellationToken.None)).Should().NotBeNull();
    }

    /// <summary>Revoke removes the subject's token and returns true once; revoking again returns false.</summary>
    [Fact]
    public async Task RevokeAsync_SubjectWithToken_RemovesItAndReturnsTrue()
    {
        var store = await CreateStoreAsync();
        var token = NewToken("subject-1");
        await store.ReplaceAsync(token, CancellationToken.None);

        var revoked = await store.RevokeAsync("subject-1", CancellationToken.None);

        revoked.Should().BeTrue();
        (await store.FindByHashAsync(token.Hash, CancellationToken.None)).Should().BeNull();
        (await store.RevokeAsync("subject-1", CancellationToken.None)).Should().BeFalse("the token is already gone");
    }

    /// <summary>Revoking a subject that has no token returns false.</summary>
    [Fact]
    public async Task RevokeAsync_SubjectWithoutToken_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        await store.ReplaceAsync(NewToken("subject-1"), CancellationToken.None);

        (await store.RevokeAsync("subject-2", CancellationToken.None)).Should().BeFalse();
    }

    /// <summary>A subject whose token was revoked can be given a new one.</summary>
    [Fact]
    public async Task ReplaceAsync_AfterRevoke_NewTokenIsFound()
    {
        var store = await CreateStoreAsync();
        await store.ReplaceAsync(NewToken("subject-1"), CancellationToken.None);
        await store.RevokeAsync("subject-1", CancellationToken.None);
        var again = NewToken("subject-1");

        await store.ReplaceAsync(again, CancellationToken.None);

        (await store.FindByHashAsync(again.Hash, CancellationToken.None)).Should().NotBeNull();
    }

    /// <summary>Purge removes the tokens that expired at or before the cutoff, keeps later ones and counts what it removed.</summary>
    [Fact]
    public async Task PurgeExpiredAsync_MixedTokens_RemovesExpiredAtOrBeforeNowAndCountsThem()
    {
        var store = await CreateStoreAsync();
        var longGone = NewToken("subject-1", expiresAt: Now.AddHours(-1), issuedAt: Now.AddHours(-2));
        var expiringNow = NewToken("subject-2", expiresAt: Now, issuedAt: Now.AddHours(-1));
        var alive = NewToken("subject-3", expiresAt: Now.AddSeconds(1), issuedAt: Now.AddHours(-1));
        foreach (var token in new[] { longGone, expiringNow, alive })
        {
            await store.ReplaceAsync(token, CancellationToken.None);
        }

        var purged = await store.PurgeExpiredAsync(Now, CancellationToken.None);

        purged.Should().Be(2);
        (await store.FindByHashAsync(longGone.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(expiringNow.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(alive.Hash, CancellationToken.None)).Should().NotBeNull();
        (await store.PurgeExpiredAsync(Now, CancellationToken.None)).Should().Be(0, "nothing expired is left");
    }

    /// <summary>A subject whose token was purged can be given a new one.</summary>
    [Fact]
    public async Task PurgeExpiredAsync_ThenReplace_SubjectGetsNewToken()
    {
        var store = await CreateStoreAsync();
        await store.ReplaceAsync(NewToken("subject-1", expiresAt: Now.AddHours(-1), issuedAt: Now.AddHours(-2)), CancellationToken.None);
        await store.PurgeExpiredAsync(Now, CancellationToken.None);
        var fresh = NewToken("subject-1");

        await store.ReplaceAsync(fresh, CancellationToken.None);

        (await store.FindByHashAsync(fresh.Hash, CancellationToken.None)).Should().NotBeNull();
    }

    /// <summary>A stored record for <paramref name="subject"/> with a random hash; times in whole seconds.</summary>
    /// <param name="subject">Whose token it is.</param>
    /// <param name="pepperId">The id of the pepper that hashed it, if any.</param>
    /// <param name="expiresAt">When it expires; an hour after <see cref="Now"/> unless given.</param>
    /// <param name="issuedAt">When it was issued; <see cref="Now"/> unless given.</param>
    /// <returns>A new record, not yet stored.</returns>
    protected static WebToken NewToken(string subject, string? pepperId = null, DateTimeOffset? expiresAt = null, DateTimeOffset? issuedAt = null) => new()
    {
        Subject = subject,
        Hash = RandomHash(),
        PepperId = pepperId,
        IssuedAt = issuedAt ?? Now,
        ExpiresAt = expiresAt ?? Now.AddHours(1),
    };
}
