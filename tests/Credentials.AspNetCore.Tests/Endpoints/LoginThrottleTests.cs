using System.Net;
using Credentials.AspNetCore.Endpoints;
using Credentials.Login;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class LoginThrottleTests : IDisposable
{
    private static readonly IPAddress Client = IPAddress.Parse("10.0.0.1");

    private readonly FakeTimeProvider _time = new();
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests()
    {
        var options = new LoginThrottleOptions { FailuresPerUsername = 1, FailuresPerAddress = 10_000, Window = TimeSpan.FromMinutes(15), MaxPartitions = 3 };
        _throttle = new LoginThrottle(options, new InMemoryLoginFailureCounter(options.MaxPartitions, _time));
    }

    public void Dispose() => _throttle.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(60_000)]
    public void Keys_UsernameOfAnyLength_IsHeldAsFixedSizeKey(int length)
    {
        var keys = LoginThrottle.Keys(new string('u', length), Client);

        keys.Username.Should().HaveLength(24);
    }

    [Fact]
    public void Keys_UsernamesDifferingInCaseAndSpaces_ShareAKey()
    {
        LoginThrottle.Keys(" Admin  ", Client).Username.Should().Be(LoginThrottle.Keys("admin", Client).Username)
            .And.NotBe(LoginThrottle.Keys("admin2", Client).Username);
    }

    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("10.0.0.1", "10.0.0.1")]
    public void Keys_Address_IsIpv4OrTheIpv6Slash64(string address, string key)
    {
        LoginThrottle.Keys("admin", IPAddress.Parse(address)).Address.Should().Be(key);
    }

    [Fact]
    public async Task RecordFailure_MoreUsernamesThanMaxPartitions_ForgetsTheOldestOnly()
    {
        foreach (var username in new[] { "first", "second", "third", "fourth" })
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await _throttle.RecordFailureAsync(LoginThrottle.Keys(username, Client), CancellationToken.None);
        }

        (await _throttle.RetryAfterAsync(LoginThrottle.Keys("first", Client), CancellationToken.None)).Should().BeNull();
        (await _throttle.RetryAfterAsync(LoginThrottle.Keys("second", Client), CancellationToken.None)).Should().NotBeNull();
        (await _throttle.RetryAfterAsync(LoginThrottle.Keys("fourth", Client), CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task RecordFailure_ManyDistinctUsernames_CountsNoMoreThanMaxPartitions()
    {
        for (var i = 0; i < 1000; i++)
        {
            await _throttle.RecordFailureAsync(LoginThrottle.Keys($"user{i}", Client), CancellationToken.None);
        }

        var throttled = 0;
        for (var i = 0; i < 1000; i++)
        {
            throttled += await _throttle.RetryAfterAsync(LoginThrottle.Keys($"user{i}", Client), CancellationToken.None) is null ? 0 : 1;
        }

        throttled.Should().Be(3);
    }

    [Fact]
    public async Task RetryAfter_UntilTheWindowEnds_CountsDownThenLifts()
    {
        var keys = LoginThrottle.Keys("admin", Client);
        await _throttle.RecordFailureAsync(keys, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(10));
        var during = await _throttle.RetryAfterAsync(keys, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var after = await _throttle.RetryAfterAsync(keys, CancellationToken.None);

        during.Should().Be(TimeSpan.FromMinutes(5));
        after.Should().BeNull();
    }
}
