using Credentials.ManyInstances.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Credentials.ManyInstances.Tests.ApiKeys;

/// <summary>
/// With no channel between the instances (each keeps the in-process default, as with every channel cut), a key
/// changed on A works on B until B's cached record is as old as the cache duration, and not a moment longer: a bound,
/// not a latency, shown on a fake clock both instances share.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class ChannelCutTests(SharedServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(KeyChange.Deactivate, 100)]
    [InlineData(KeyChange.Roll, 20)]
    [InlineData(KeyChange.Delete, 20)]
    public async Task KeyChange_OnAWithNoChannel_RefusedOnBWhenTheCacheDurationHasPassedAndNotBefore(KeyChange change, int trials)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var pair = await InstancePair.StartAsync(servers, InvalidationTransport.None, WebTokenStorage.EntityFramework, clock);
        var expected = KeyChanges.RefusalAfter(change);

        var staleness = new List<TimeSpan>(trials);
        for (var trial = 0; trial < trials; trial++)
        {
            var (uuid, key) = await pair.A.CreateKeyAsync();
            (await pair.A.Keys.VerifyAsync(key, CancellationToken.None)).Succeeded.Should().BeTrue();
            (await pair.B.Keys.VerifyAsync(key, CancellationToken.None)).Succeeded.Should().BeTrue();
            var cachedAt = clock.GetUtcNow();

            // The change comes at any moment of the record's life in B's cache: 0 to 59 s after B read it.
            clock.Advance(TimeSpan.FromSeconds(trial % 60));
            await KeyChanges.ApplyAsync(pair.A, uuid, change);
            var changedAt = clock.GetUtcNow();
            (await pair.A.Keys.VerifyAsync(key, CancellationToken.None)).Failure.Should().Be(expected, "the instance that made the change refuses at once");

            clock.SetUtcNow(cachedAt + Instance.CacheDuration - Tick);
            (await pair.B.Keys.VerifyAsync(key, CancellationToken.None)).Succeeded.Should()
                .BeTrue("with no channel, B keeps the record it read until the cache duration has passed");
            clock.Advance(Tick);
            (await pair.B.Keys.VerifyAsync(key, CancellationToken.None)).Failure.Should()
                .Be(expected, "the cache duration bounds staleness with every channel down");
            staleness.Add(clock.GetUtcNow() - changedAt);
        }

        var figures = new PropagationFigures(staleness);
        output.WriteLine($"{change} on A with no channel, refused on B ({trials} trials, fake clock, cache {Instance.CacheDuration.TotalSeconds} s):");
        output.WriteLine($"  change to refusal on B: {figures}; accepted on B {Tick.TotalMilliseconds} ms before the duration in every trial");
        figures.Max.Should().BeLessThanOrEqualTo(Instance.CacheDuration);
    }
}
