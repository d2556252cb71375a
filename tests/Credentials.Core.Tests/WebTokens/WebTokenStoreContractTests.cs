using System.Security.Cryptography;
using Credentials.Secrets;
using Credentials.WebTokens;

namespace Credentials.Core.Tests.WebTokens;

/// <summary>
/// What every <see cref="IWebTokenStore"/> must do, written against the interface only. Each implementation
/// (in-memory here, EF Core on SQLite and PostgreSQL elsewhere) inherits this class and runs it unchanged.
/// Times are whole seconds so every database keeps them exactly.
/// </summary>
public abstract class WebTokenStoreContractTests
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh, empty store for one test. The same instance is called from many threads at once.</summary>
    protected abstract Task<IWebTokenStore> CreateStoreAsync();

    /// <summary>Rounds of the concurrent replacement tests; durable stores may lower it to keep runs short.</summary>
    protected virtual int ConcurrencyRounds => 20;

    /// <summary>Writers racing each other per round.</summary>
    protected virtual int ConcurrentWriters => 16;

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

    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.ReplaceAsync(NewToken("subject-1"), CancellationToken.None);

        var found = await store.FindByHashAsync(RandomHash(), CancellationToken.None);

        found.Should().BeNull();
    }

    [Fact]
    public async Task FindByHashAsync_ExpiredButNotPurged_ReturnsTokenForTheServiceToJudge()
    {
        var store = await CreateStoreAsync();
        var token = NewToken("subject-1", expiresAt: Now.AddHours(-1), issuedAt: Now.AddHours(-2));

        await store.ReplaceAsync(token, CancellationToken.None);

        (await store.FindByHashAsync(token.Hash, CancellationToken.None)).Should().NotBeNull();
    }

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

    [Fact]
    public async Task RevokeAsync_SubjectWithoutToken_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        await store.ReplaceAsync(NewToken("subject-1"), CancellationToken.None);

        (await store.RevokeAsync("subject-2", CancellationToken.None)).Should().BeFalse();
    }

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

    [Fact]
    public async Task ReplaceAsync_ConcurrentWritersForOneSubject_ExactlyOneSurvivesAndALaterReplaceWins()
    {
        var store = await CreateStoreAsync();
        var violations = new List<string>();
        for (var round = 0; round < ConcurrencyRounds; round++)
        {
            var subject = $"subject-{round % 3}";
            var tokens = Enumerable.Range(0, ConcurrentWriters).Select(_ => NewToken(subject)).ToArray();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = tokens.Select(async t =>
            {
                await go.Task;
                await store.ReplaceAsync(t, CancellationToken.None);
            }).ToArray();
            go.SetResult();
            await Task.WhenAll(writers);

            var live = await CountLiveAsync(store, tokens);
            if (live != 1)
            {
                violations.Add($"round {round}: {live} live tokens after {ConcurrentWriters} concurrent replacements");
            }

            var last = NewToken(subject);
            await store.ReplaceAsync(last, CancellationToken.None);
            if (await CountLiveAsync(store, tokens) != 0 || await store.FindByHashAsync(last.Hash, CancellationToken.None) is null)
            {
                violations.Add($"round {round}: the replacement committed last is not the only live token");
            }
        }

        violations.Should().BeEmpty($"{ConcurrencyRounds} rounds of {ConcurrentWriters} writers must each leave one token");
    }

    [Fact]
    public async Task ReplaceAsync_ManySubjectsInParallel_EachSubjectKeepsItsLastToken()
    {
        var store = await CreateStoreAsync();
        const int subjects = 32;
        var tokensPerSubject = Math.Max(2, ConcurrencyRounds / 2);
        var lastBySubject = new WebToken[subjects];

        await Task.WhenAll(Enumerable.Range(0, subjects).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < tokensPerSubject; i++)
            {
                var token = NewToken($"parallel-{s}");
                await store.ReplaceAsync(token, CancellationToken.None);
                lastBySubject[s] = token;
            }
        })));

        for (var s = 0; s < subjects; s++)
        {
            var found = await store.FindByHashAsync(lastBySubject[s].Hash, CancellationToken.None);
            found.Should().NotBeNull();
            found!.Subject.Should().Be($"parallel-{s}");
        }
    }

    [Fact]
    public async Task FindByHashAsync_RacingReplacements_NeverSeesASupersededTokenOrMissesTheCommittedOne()
    {
        var store = await CreateStoreAsync();
        var tokens = Enumerable.Range(0, ConcurrencyRounds * 5).Select(_ => NewToken("raced")).ToArray();
        var started = -1;
        var committed = -1;
        var violations = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                Volatile.Write(ref started, i);
                await store.ReplaceAsync(tokens[i], CancellationToken.None);
                Volatile.Write(ref committed, i);
            }
        });

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                var before = Volatile.Read(ref committed);
                if (before < 1)
                {
                    continue;
                }

                // Committed before this read began: superseded for good.
                var superseded = await store.FindByHashAsync(tokens[before - 1].Hash, CancellationToken.None);
                var current = await store.FindByHashAsync(tokens[before].Hash, CancellationToken.None);
                // Only while no later replacement has started must the committed token still be the live one.
                var noLaterReplace = Volatile.Read(ref started) == before;
                if (superseded is not null || (current is null && noLaterReplace))
                {
                    Interlocked.Increment(ref violations);
                }
            }
        })).ToArray();

        await writer;
        await Task.WhenAll(readers);

        violations.Should().Be(0);
        (await store.FindByHashAsync(tokens[^1].Hash, CancellationToken.None)).Should().NotBeNull();
    }

    /// <summary>A stored record for <paramref name="subject"/> with a random hash; times in whole seconds.</summary>
    protected static WebToken NewToken(string subject, string? pepperId = null, DateTimeOffset? expiresAt = null, DateTimeOffset? issuedAt = null) => new()
    {
        Subject = subject,
        Hash = RandomHash(),
        PepperId = pepperId,
        IssuedAt = issuedAt ?? Now,
        ExpiresAt = expiresAt ?? Now.AddHours(1),
    };

    protected static SecretHash RandomHash() => SecretHash.FromBytes(RandomNumberGenerator.GetBytes(SecretHash.Length));

    private static async Task<int> CountLiveAsync(IWebTokenStore store, IEnumerable<WebToken> tokens)
    {
        var live = 0;
        foreach (var token in tokens)
        {
            if (await store.FindByHashAsync(token.Hash, CancellationToken.None) is not null)
            {
                live++;
            }
        }

        return live;
    }
}
