using Credentials.Testing;
using Credentials.WebTokens;

namespace Credentials.Core.Tests.WebTokens;

public class InMemoryWebTokenStoreTests : WebTokenStoreContractTests
{
    protected override int ConcurrencyRounds => 1000;

    protected override int ConcurrentWriters => 64;

    protected override Task<IWebTokenStore> CreateStoreAsync() => Task.FromResult<IWebTokenStore>(new InMemoryWebTokenStore());

    [Fact]
    public async Task ReplaceAsync_ManyReplacementsPerSubject_HoldsOneTokenPerSubject()
    {
        var store = new InMemoryWebTokenStore();

        for (var i = 0; i < 500; i++)
        {
            await store.ReplaceAsync(NewToken($"subject-{i % 5}"), CancellationToken.None);
        }

        store.Count.Should().Be(5, "superseded tokens are dropped at once");
    }

    [Fact]
    public async Task RevokeAsync_AllSubjects_LeavesNothingBehind()
    {
        var store = new InMemoryWebTokenStore();
        for (var i = 0; i < 10; i++)
        {
            await store.ReplaceAsync(NewToken($"subject-{i}"), CancellationToken.None);
        }

        for (var i = 0; i < 10; i++)
        {
            await store.RevokeAsync($"subject-{i}", CancellationToken.None);
        }

        store.Count.Should().Be(0);
    }

    [Fact]
    public async Task ReplaceAsync_ExpiredSubjectsNeverPurgedByHost_AreSweptAsOthersIssue()
    {
        var store = new InMemoryWebTokenStore();
        for (var i = 0; i < 100; i++)
        {
            await store.ReplaceAsync(NewToken($"gone-{i}", expiresAt: Now.AddMinutes(1)), CancellationToken.None);
        }

        // Two hours on, one busy subject issues often enough to trigger the amortised sweep.
        for (var i = 0; i < 1100; i++)
        {
            await store.ReplaceAsync(NewToken("busy", issuedAt: Now.AddHours(2), expiresAt: Now.AddHours(3)), CancellationToken.None);
        }

        store.Count.Should().Be(1, "the expired tokens of idle subjects were swept without a purge call");
    }

    [Fact]
    public async Task ReplaceAsync_RacingRevokeAndPurge_LastReplacementStaysFindable()
    {
        var store = new InMemoryWebTokenStore();
        var violations = 0;
        for (var round = 0; round < 500; round++)
        {
            var expired = NewToken("contended", expiresAt: Now.AddHours(-1), issuedAt: Now.AddHours(-2));
            await store.ReplaceAsync(expired, CancellationToken.None);
            var fresh = NewToken("contended");
            await Task.WhenAll(
                Task.Run(() => store.PurgeExpiredAsync(Now, CancellationToken.None).AsTask()),
                Task.Run(() => store.ReplaceAsync(fresh, CancellationToken.None).AsTask()));

            if (await store.FindByHashAsync(fresh.Hash, CancellationToken.None) is null)
            {
                violations++;
            }
        }

        violations.Should().Be(0, "a purge or slot removal never loses a replacement that landed after it");
    }

    [Fact]
    public async Task ReplaceAsync_CancelledToken_Throws()
    {
        var store = new InMemoryWebTokenStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = async () => await store.ReplaceAsync(NewToken("subject-1"), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
