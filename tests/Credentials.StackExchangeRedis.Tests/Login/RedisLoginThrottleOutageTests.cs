using System.Net;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.StackExchangeRedis.Tests.Login;

/// <summary>
/// Redis going away under the login throttle, on a server of this class's own: failures are counted in process
/// meanwhile (no lock-out, no free guessing), a warning says so once, and the shared counts resume when Redis is back.
/// </summary>
public sealed class RedisLoginThrottleOutageTests(RedisServer server) : IClassFixture<RedisServer>
{
    private const int FellBack = 7100;
    private const int Recovered = 7101;

    [Fact]
    public async Task Login_RedisDown_CountsInProcessWarnsOnceAndResumesOnRedis()
    {
        var clock = new FakeTimeProvider();
        var window = TimeSpan.FromMinutes(15);
        await using var host = await LoginHost.StartAsync(
            server.Redis.Endpoint + ",connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000",
            RedisServer.NewKeyPrefix(),
            throttle =>
            {
                throttle.FailuresPerUsername = 2;
                throttle.Window = window;
            },
            clock);
        (await host.LoginStatusAsync("alice")).Should().Be(HttpStatusCode.Unauthorized, "counted in Redis");

        await server.Redis.StopAsync();
        HttpStatusCode[] duringOutage;
        TimeSpan? retryAfter;
        HttpStatusCode afterWindow;
        try
        {
            duringOutage = [await host.LoginStatusAsync("alice"), await host.LoginStatusAsync("alice")];
            using var throttled = await host.LoginAsync("alice");
            duringOutage = [.. duringOutage, throttled.StatusCode];
            retryAfter = throttled.Headers.RetryAfter?.Delta;
            clock.Advance(window);
            afterWindow = await host.LoginStatusAsync("alice");
        }
        finally
        {
            await server.Redis.RestartAsync();
        }

        duringOutage.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        retryAfter.Should().Be(window, "the in-process window runs on the host's clock");
        afterWindow.Should().Be(HttpStatusCode.Unauthorized, "the in-process window ended");
        host.Events.Ids.Count(id => id == FellBack).Should().Be(1, "one warning per outage, not one per login");

        await WaitUntilAnsweringAsync(host);
        host.Events.Ids.Count(id => id == Recovered).Should().Be(1);
        (await host.LoginStatusAsync("alice")).Should().Be(HttpStatusCode.Unauthorized, "Redis restarted empty, and its counts rule again");
    }

    /// <summary>Logs in (a new username each time) until a login is counted in Redis again.</summary>
    private static async Task WaitUntilAnsweringAsync(LoginHost host)
    {
        for (var attempt = 0; attempt < 100 && !host.Events.Ids.Contains(Recovered); attempt++)
        {
            await Task.Delay(100);
            await host.LoginStatusAsync($"probe{attempt}");
        }
    }
}
