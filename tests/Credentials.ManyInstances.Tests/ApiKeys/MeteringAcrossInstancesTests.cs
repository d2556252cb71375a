using Credentials.ApiKeys;
using Credentials.ManyInstances.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.ManyInstances.Tests.ApiKeys;

/// <summary>
/// One key's budget spent on two instances at once: credits in the shared PostgreSQL API-key store (the system of
/// record, one conditional UPDATE per spend), rate limits in the shared Redis (one script per acquisition). Each test
/// splits 64 parallel verifications across A and B; windows move with a fake clock, never by waiting.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class MeteringAcrossInstancesTests(SharedServers servers)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task VerifyAsync_HundredCreditsSpentOnTwoInstances_ExactlyHundredSucceed()
    {
        await using var pair = await InstancePair.StartAsync(servers, InvalidationTransport.Redis, WebTokenStorage.Redis);
        var (_, plainKey) = await pair.A.CreateKeyAsync(credits: new ApiKeyCredits { Remaining = 100 });

        var admitted = await VerifyOnBothAsync(pair, plainKey);

        admitted.Should().Be(100);
    }

    [Fact]
    public async Task VerifyAsync_RateLimitOnTwoInstancesOverRedis_AdmitsTheLimitPerWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var pair = await InstancePair.StartAsync(servers, InvalidationTransport.Redis, WebTokenStorage.Redis, clock);
        var (_, plainKey) = await pair.A.CreateKeyAsync(rateLimits: [new ApiKeyRateLimit { Name = "default", Limit = 50, Window = Minute }]);

        var firstWindow = await VerifyOnBothAsync(pair, plainKey);
        clock.Advance(Minute);
        var secondWindow = await VerifyOnBothAsync(pair, plainKey);

        firstWindow.Should().Be(50, "A and B count against one budget in Redis, not 50 each");
        secondWindow.Should().Be(50);
    }

    /// <summary>64 tasks, even ones on A and odd ones on B, verifying the key three times each; how many were accepted.</summary>
    private static async Task<int> VerifyOnBothAsync(InstancePair pair, string plainKey)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var keys = i % 2 == 0 ? pair.A.Keys : pair.B.Keys;
            start.Wait();
            var accepted = 0;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                accepted += (await keys.VerifyAsync(plainKey, CancellationToken.None)).Succeeded ? 1 : 0;
            }

            return accepted;
        })).ToList();
        start.Set();
        return (await Task.WhenAll(tasks)).Sum();
    }
}
