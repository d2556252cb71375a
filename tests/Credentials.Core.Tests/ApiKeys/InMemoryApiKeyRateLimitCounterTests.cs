using Credentials.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>The in-process counter's memory: counters of ended windows are dropped, those of running windows kept.</summary>
public sealed class InMemoryApiKeyRateLimitCounterTests
{
    private static readonly ApiKeyRateLimit PerMinute = new() { Name = "default", Limit = 2, Window = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task AcquireAsync_AfterWindowsEnd_DropsTheirCountersAtTheNextSweep()
    {
        var clock = new FakeTimeProvider(ApiKeyTestHost.Start);
        var counter = new InMemoryApiKeyRateLimitCounter(clock);
        for (var i = 0; i < 100; i++)
        {
            await counter.AcquireAsync(Guid.NewGuid(), [PerMinute], CancellationToken.None);
        }

        var beforeSweep = counter.Count;
        clock.Advance(TimeSpan.FromMinutes(1));
        var active = Guid.NewGuid();
        await counter.AcquireAsync(active, [PerMinute], CancellationToken.None);

        beforeSweep.Should().Be(100);
        counter.Count.Should().Be(1, "only the key used in the running window keeps a counter");
        (await counter.AcquireAsync(active, [PerMinute], CancellationToken.None)).Status.Remaining.Should().Be(0, "the running window kept its count");
    }

    [Fact]
    public async Task AcquireAsync_WithinTheSweepInterval_KeepsEndedCountersUntilItPasses()
    {
        var clock = new FakeTimeProvider(ApiKeyTestHost.Start);
        var counter = new InMemoryApiKeyRateLimitCounter(clock);
        ApiKeyRateLimit perSecond = new() { Name = "default", Limit = 1, Window = TimeSpan.FromSeconds(1) };
        await counter.AcquireAsync(Guid.NewGuid(), [perSecond], CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(2));
        await counter.AcquireAsync(Guid.NewGuid(), [perSecond], CancellationToken.None);
        var withinInterval = counter.Count;
        clock.Advance(InMemoryApiKeyRateLimitCounter.SweepInterval);
        await counter.AcquireAsync(Guid.NewGuid(), [perSecond], CancellationToken.None);

        withinInterval.Should().Be(2, "one sweep per interval, not one per request");
        counter.Count.Should().Be(1);
    }
}
