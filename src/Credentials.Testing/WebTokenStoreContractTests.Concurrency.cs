using Credentials.WebTokens;

namespace Credentials.Testing;

// The single-active rule under concurrency: racing writers, parallel subjects, readers racing a writer.
public abstract partial class WebTokenStoreContractTests
{
    /// <summary>Racing replacements for one subject (<see cref="ConcurrentWriters"/> per round) leave exactly one token, which a later replacement supersedes.</summary>
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

    /// <summary>Subjects replaced in parallel each keep their own last token.</summary>
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

    /// <summary>Reads racing replacements never find a superseded token, nor miss the committed one while no later replacement has begun.</summary>
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
