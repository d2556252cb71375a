using System.Net;
using Credentials.StackExchangeRedis.Tests.Infrastructure;

namespace Credentials.StackExchangeRedis.Tests.Login;

/// <summary>
/// Two instances of a host, each with its own service provider and Redis connection, sharing one Redis: failed
/// logins spent on either instance come out of one budget per username and one per address.
/// </summary>
public sealed class RedisLoginThrottleTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Login_WrongPasswordsSpreadOverTwoInstances_ExhaustOneUsernameBudget()
    {
        var prefix = RedisServer.NewKeyPrefix();
        await using var first = await StartAsync(prefix, perUsername: 3, perAddress: 100);
        await using var second = await StartAsync(prefix, perUsername: 3, perAddress: 100);

        var statuses = new[]
        {
            await first.LoginStatusAsync("alice", "10.0.0.1"),
            await second.LoginStatusAsync("alice", "10.0.0.2"),
            await first.LoginStatusAsync("ALICE ", "10.0.0.3"),
        };
        using var throttled = await second.LoginAsync("alice", "10.0.0.4");

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the second instance saw one failure, the budget counts three");
        throttled.Headers.RetryAfter!.Delta.Should().BePositive().And.BeLessThanOrEqualTo(Window);
        (await first.LoginStatusAsync("bob", "10.0.0.1")).Should().Be(HttpStatusCode.Unauthorized, "another username has a budget of its own");
    }

    [Fact]
    public async Task Login_FailuresFromOneAddressOverTwoInstances_ShareOneAddressBudget()
    {
        var prefix = RedisServer.NewKeyPrefix();
        await using var first = await StartAsync(prefix, perUsername: 100, perAddress: 3);
        await using var second = await StartAsync(prefix, perUsername: 100, perAddress: 3);

        (await first.LoginStatusAsync("user1", "2001:db8:1:2::10")).Should().Be(HttpStatusCode.Unauthorized);
        (await second.LoginStatusAsync("user2", "2001:db8:1:2::20")).Should().Be(HttpStatusCode.Unauthorized);
        (await second.LoginStatusAsync("user3", "2001:db8:1:2::30")).Should().Be(HttpStatusCode.Unauthorized);
        using var throttled = await first.LoginAsync("user4", "2001:db8:1:2::40");

        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "one /64 spent its budget over both instances");
        throttled.Headers.RetryAfter!.Delta.Should().BePositive().And.BeLessThanOrEqualTo(Window);
        (await first.LoginStatusAsync("user4", "2001:db8:9:9::1")).Should().Be(HttpStatusCode.Unauthorized, "another network has a budget of its own");
    }

    [Fact]
    public async Task Login_Failures_KeyNamesHoldNoUsernameAndAreBounded()
    {
        var prefix = RedisServer.NewKeyPrefix();
        await using var host = await StartAsync(prefix, perUsername: 100, perAddress: 100);
        var username = "Alice.Liddell-" + new string('x', 200) + "@example.com";

        (await host.LoginStatusAsync(username, "10.0.0.1")).Should().Be(HttpStatusCode.Unauthorized);

        var keys = server.Multiplexer.GetServers().Single().Keys(pattern: prefix + "*").Select(k => k.ToString()).ToList();
        keys.Should().HaveCount(2).And.OnlyContain(k => k.Length <= prefix.Length + 8 + Credentials.Login.LoginFailureKeys.MaximumKeyLength);
        keys.Should().NotContain(k => k.Contains("alice", StringComparison.OrdinalIgnoreCase) || k.Contains("example", StringComparison.OrdinalIgnoreCase));
        keys.Should().Contain($"{prefix}login:a:10.0.0.1");
        foreach (var key in keys)
        {
            var ttl = await server.Multiplexer.GetDatabase().KeyTimeToLiveAsync(key);
            ttl.Should().BePositive().And.BeLessThanOrEqualTo(Window, "each count expires with its window");
        }
    }

    private Task<LoginHost> StartAsync(string prefix, int perUsername, int perAddress) =>
        LoginHost.StartAsync(server.ConnectionString, prefix, throttle =>
        {
            throttle.FailuresPerUsername = perUsername;
            throttle.FailuresPerAddress = perAddress;
            throttle.Window = Window;
        });
}
