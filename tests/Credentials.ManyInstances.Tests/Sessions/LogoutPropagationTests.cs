using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Credentials.ManyInstances.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Credentials.ManyInstances.Tests.Sessions;

/// <summary>
/// A JWT logged out on instance A is refused on instance B, which had checked its session moments before (and keeps
/// that answer for a minute), within the channel's latency: measured per trial from the moment A's logout returned.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class LogoutPropagationTests(SharedServers servers, ITestOutputHelper output)
{
    /// <summary>Far above what either channel takes on loopback, far below the session check interval: a lost message fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private const int Trials = 100;

    [Theory]
    [InlineData(InvalidationTransport.Redis)]
    [InlineData(InvalidationTransport.PostgreSql)]
    public async Task Logout_OnA_RefusedOnBWithinTheChannelsLatency(InvalidationTransport transport)
    {
        await using var pair = await InstancePair.StartAsync(servers, transport, WebTokenStorage.Redis);

        var samples = new List<TimeSpan>(Trials);
        for (var trial = 0; trial < Trials; trial++)
        {
            var jwt = await pair.A.LoginAsOwnerAsync();
            (await pair.B.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK);
            (await pair.B.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK, "B now answers the session check from memory");

            (await LogoutAsync(pair.A, jwt)).Should().Be(HttpStatusCode.NoContent);
            var sinceLogout = Stopwatch.StartNew();
            while (await pair.B.WhoAmIStatusAsync(jwt) == HttpStatusCode.OK)
            {
                sinceLogout.Elapsed.Should().BeLessThan(Bound, $"B must learn of the logout over {transport}");
                await Task.Yield();
            }

            samples.Add(sinceLogout.Elapsed);
            (await pair.A.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.Unauthorized, "the instance that ended the session refuses at once");
        }

        var figures = new PropagationFigures(samples);
        output.WriteLine($"Logout on A, 401 on B over {transport} ({Trials} trials; B's session answers kept 1 min): {figures}");
        figures.Max.Should().BeLessThan(Bound);
    }

    /// <summary>
    /// Without a channel B keeps its answer for the check interval: so the quick refusals above come from the channel,
    /// not from B reading the store on every request.
    /// </summary>
    [Fact]
    public async Task Logout_OnAWithoutAChannel_BStillAcceptsItsRememberedAnswer()
    {
        await using var pair = await InstancePair.StartAsync(servers, InvalidationTransport.None, WebTokenStorage.EntityFramework);
        var jwt = await pair.A.LoginAsOwnerAsync();
        (await pair.B.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK);

        (await LogoutAsync(pair.A, jwt)).Should().Be(HttpStatusCode.NoContent);

        (await pair.A.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.Unauthorized);
        (await pair.B.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK, "B heard nothing and its answer is less than a minute old");
    }

    private static async Task<HttpStatusCode> LogoutAsync(Instance instance, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await instance.Client.SendAsync(request);
        return response.StatusCode;
    }
}
