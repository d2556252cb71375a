using System.Net;
using Credentials.ManyInstances.Tests.Infrastructure;

namespace Credentials.ManyInstances.Tests.Login;

/// <summary>
/// Failed logins on A and B come out of one budget in Redis. One end-to-end check on the full two-instance host; the
/// budgets themselves (per address, Retry-After, key names, Redis down) are tested in
/// <c>Credentials.StackExchangeRedis.Tests/Login</c>.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class SharedLoginBudgetTests(SharedServers servers)
{
    [Fact]
    public async Task Login_WrongPasswordsSpreadOverAAndB_SpendOneBudget()
    {
        await using var pair = await InstancePair.StartAsync(
            servers,
            InvalidationTransport.Redis,
            WebTokenStorage.Redis,
            throttle: static options =>
            {
                options.FailuresPerUsername = 3;
                options.FailuresPerAddress = 100;
            });

        var statuses = new List<HttpStatusCode>();
        foreach (var instance in new[] { pair.A, pair.B, pair.A })
        {
            using var failed = await instance.LoginAsync(Instance.OwnerUsername, "a-wrong-password");
            statuses.Add(failed.StatusCode);
        }

        using var throttled = await pair.B.LoginAsync(Instance.OwnerUsername, Instance.OwnerPassword);

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "B saw one failure of its own; the shared budget counts three");
        throttled.Headers.RetryAfter.Should().NotBeNull();
    }
}
