using System.Diagnostics;
using Credentials.ApiKeys;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>
/// One measured change: a new key is verified on both instances until each answers from its cache, A changes it, and
/// B is polled (yielding between polls) until it refuses, measured from the moment A's change returned; then A, whose
/// record was as fresh, must refuse on its first try.
/// </summary>
internal static class PropagationTrial
{
    /// <summary>Longer than any bound a test asserts, so a lost invalidation fails the trial instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task<PropagationSample> RunAsync(InstancePair pair, KeyChange change, MetricCollector<long> lookupsOnB)
    {
        var (uuid, key) = await pair.A.CreateKeyAsync();
        await WarmAsync(pair.A, key);
        await WarmAsync(pair.B, key);
        lookupsOnB.Clear();
        (await VerifyAsync(pair.B, key)).Succeeded.Should().BeTrue();
        lookupsOnB.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["outcome"].Should()
            .Be("hit", "B answers from its cache before the change, so only an invalidation can make it refuse");

        await KeyChanges.ApplyAsync(pair.A, uuid, change);
        var sinceChange = Stopwatch.StartNew();
        var expected = KeyChanges.RefusalAfter(change);
        for (var polls = 1; ; polls++)
        {
            var pollStarted = sinceChange.Elapsed;
            var verified = await VerifyAsync(pair.B, key);
            if (!verified.Succeeded)
            {
                var sample = new PropagationSample(pollStarted, sinceChange.Elapsed, polls);
                verified.Failure.Should().Be(expected);

                // A's cached record was fresh for the whole duration: only its own eviction explains a refusal now.
                (await VerifyAsync(pair.A, key)).Failure.Should().Be(expected, "the instance that made the change refuses at once");
                return sample;
            }

            sinceChange.Elapsed.Should().BeLessThan(Patience, $"{pair.B.Name} must learn of the change");
            await Task.Yield();
        }
    }

    private static ValueTask<ApiKeyVerificationResult> VerifyAsync(Instance instance, string key) =>
        instance.Keys.VerifyAsync(key, CancellationToken.None);

    /// <summary>Verifies until the instance caches the record (the first verification reads the store).</summary>
    private static async Task WarmAsync(Instance instance, string key)
    {
        (await VerifyAsync(instance, key)).Succeeded.Should().BeTrue();
        (await VerifyAsync(instance, key)).Succeeded.Should().BeTrue();
    }
}
