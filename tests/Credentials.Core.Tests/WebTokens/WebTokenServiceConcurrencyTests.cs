using System.Collections.Concurrent;
using Credentials.WebTokens;
using Xunit.Abstractions;

namespace Credentials.Core.Tests.WebTokens;

/// <summary>
/// The single-active invariant through the service, under contention that a broken store would fail: a
/// read-then-write replacement, a stale hash index or a global ordering bug each show up as violations here.
/// The figures are written to the test output.
/// </summary>
public class WebTokenServiceConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IssueAsync_64ConcurrentIssuesFor1000Rounds_ExactlyOneLiveTokenAndTheLastCommittedWins()
    {
        const int rounds = 1000;
        const int writers = 64;
        using var host = new WebTokenTestHost();
        var service = host.Service;
        var violations = 0;
        var validations = 0;

        for (var round = 0; round < rounds; round++)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var issues = Enumerable.Range(0, writers).Select(async _ =>
            {
                await go.Task;
                return await service.IssueAsync("contended", CancellationToken.None);
            }).ToArray();
            go.SetResult();
            var tokens = await Task.WhenAll(issues);

            var live = await CountValidAsync(service, tokens);
            var last = await service.IssueAsync("contended", CancellationToken.None);
            var liveAfterLast = await CountValidAsync(service, tokens);
            var lastValid = (await service.ValidateAsync(last.Token, CancellationToken.None)).Succeeded;
            validations += (2 * writers) + 1;
            if (live != 1 || liveAfterLast != 0 || !lastValid)
            {
                violations++;
            }
        }

        output.WriteLine($"single subject: {rounds} rounds x {writers} concurrent issues, {validations} validations, {violations} violations");
        violations.Should().Be(0);
    }

    [Fact]
    public async Task IssueAsync_ManySubjectsInParallel_EachKeepsOnlyItsLastToken()
    {
        const int subjects = 200;
        const int issuesPerSubject = 20;
        using var host = new WebTokenTestHost();
        var service = host.Service;
        var issued = new ConcurrentDictionary<int, List<IssuedWebToken>>();

        await Parallel.ForEachAsync(Enumerable.Range(0, subjects * issuesPerSubject), async (i, ct) =>
        {
            var subject = i % subjects;
            var token = await service.IssueAsync($"subject-{subject}", ct);
            var list = issued.GetOrAdd(subject, _ => []);
            lock (list)
            {
                list.Add(token);
            }
        });

        var violations = 0;
        foreach (var (subject, tokens) in issued)
        {
            var valid = new List<WebTokenValidationResult>();
            foreach (var token in tokens)
            {
                var result = await service.ValidateAsync(token.Token, CancellationToken.None);
                if (result.Succeeded)
                {
                    valid.Add(result);
                }
            }

            if (valid.Count != 1 || valid[0].Subject != $"subject-{subject}")
            {
                violations++;
            }
        }

        output.WriteLine($"many subjects: {subjects} subjects x {issuesPerSubject} issues in parallel, {violations} violations");
        violations.Should().Be(0);
    }

    [Fact]
    public async Task ValidateAsync_RacingIssues_NeverAcceptsASupersededTokenNorRejectsTheCurrentOne()
    {
        const int issues = 2000;
        using var host = new WebTokenTestHost();
        var service = host.Service;
        var tokens = new string[issues];
        var started = -1;
        var committed = -1;
        var checks = 0;
        var violations = 0;

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < issues; i++)
            {
                Volatile.Write(ref started, i);
                tokens[i] = (await service.IssueAsync("raced", CancellationToken.None)).Token;
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

                var superseded = await service.ValidateAsync(tokens[before - 1], CancellationToken.None);
                var current = await service.ValidateAsync(tokens[before], CancellationToken.None);
                // Only while no later issue has started must the committed token still be the live one.
                var noLaterIssue = Volatile.Read(ref started) == before;
                Interlocked.Increment(ref checks);
                if (superseded.Succeeded || (!current.Succeeded && noLaterIssue))
                {
                    Interlocked.Increment(ref violations);
                }
            }
        })).ToArray();

        await writer;
        await Task.WhenAll(readers);

        output.WriteLine($"issue racing validate: {issues} issues, {checks} concurrent checks, {violations} violations");
        violations.Should().Be(0);
        (await service.ValidateAsync(tokens[^1], CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    private static async Task<int> CountValidAsync(IWebTokenService service, IEnumerable<IssuedWebToken> tokens)
    {
        var valid = 0;
        foreach (var token in tokens)
        {
            if ((await service.ValidateAsync(token.Token, CancellationToken.None)).Succeeded)
            {
                valid++;
            }
        }

        return valid;
    }
}
