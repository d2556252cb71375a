using System.Diagnostics;
using System.Net;
using Credentials.ManyInstances.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Credentials.ManyInstances.Tests.ApiKeys;

/// <summary>
/// A key changed on instance A is refused on instance B, whose verification cache held it for 60 s, within the
/// channel's latency: measured per trial from the moment A's change returned, printed, and bounded.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class KeyChangePropagationTests(SharedServers servers, ITestOutputHelper output)
{
    /// <summary>Far above what either channel takes on loopback, far below the cache duration: a lost message fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    public static TheoryData<InvalidationTransport, KeyChange, int> Changes => new()
    {
        { InvalidationTransport.Redis, KeyChange.Deactivate, 100 },
        { InvalidationTransport.PostgreSql, KeyChange.Deactivate, 100 },
        { InvalidationTransport.Redis, KeyChange.Roll, 20 },
        { InvalidationTransport.PostgreSql, KeyChange.Roll, 20 },
        { InvalidationTransport.Redis, KeyChange.Delete, 20 },
        { InvalidationTransport.PostgreSql, KeyChange.Delete, 20 },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task KeyChange_OnA_RefusedOnBWithinTheChannelsLatency(InvalidationTransport transport, KeyChange change, int trials)
    {
        await using var pair = await InstancePair.StartAsync(servers, transport, WebTokenStorage.Redis);
        using var lookupsOnB = pair.B.WatchCacheLookups();

        var samples = new List<PropagationSample>(trials);
        for (var trial = 0; trial < trials; trial++)
        {
            samples.Add(await PropagationTrial.RunAsync(pair, change, lookupsOnB));
        }

        var began = new PropagationFigures(samples.Select(s => s.RefusingPollStarted));
        var refused = new PropagationFigures(samples.Select(s => s.Refused));
        output.WriteLine($"{change} on A, refused on B over {transport} ({trials} trials, cache {Instance.CacheDuration.TotalSeconds} s):");
        output.WriteLine($"  first refusing verification began: {began}");
        output.WriteLine($"  refusal returned (one store read later): {refused}");
        output.WriteLine($"  refused by the first poll in {samples.Count(s => s.Polls == 1)} of {trials}; most polls {samples.Max(s => s.Polls)}");
        refused.Max.Should().BeLessThan(Bound, $"the {transport} channel reaches B within milliseconds, long before the cache expires");
    }

    [Fact]
    public async Task Deactivate_OverHttpOnA_RefusedOverHttpOnBWithinTheBound()
    {
        await using var pair = await InstancePair.StartAsync(servers, InvalidationTransport.Redis, WebTokenStorage.Redis);
        var (uuid, key) = await pair.A.CreateKeyAsync();
        var jwt = await pair.A.LoginAsOwnerAsync();
        using var lookupsOnB = pair.B.WatchCacheLookups();
        (await pair.B.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
        (await pair.B.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
        lookupsOnB.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]).Should().Equal("miss", "hit");

        (await pair.A.DeactivateOverHttpAsync(uuid, jwt)).Should().Be(HttpStatusCode.OK);
        var sinceChange = Stopwatch.StartNew();
        while (await pair.B.WhoAmIStatusAsync(key) == HttpStatusCode.OK)
        {
            sinceChange.Elapsed.Should().BeLessThan(Bound, "B must learn of the deactivation over Redis");
        }

        output.WriteLine($"Deactivated over HTTP on A, 401 over HTTP on B after {sinceChange.Elapsed.TotalMilliseconds:0.###} ms.");
        (await pair.A.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.Unauthorized);
    }
}
