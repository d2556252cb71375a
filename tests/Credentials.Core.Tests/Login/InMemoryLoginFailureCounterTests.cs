using Credentials.Login;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.Login;

public sealed class InMemoryLoginFailureCounterTests
{
    private static readonly LoginFailureKeys Keys = new("3q2+7w3q2+7w3q2+7w3q2w==", "10.0.0.1");
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryLoginFailureCounter _counter;

    public InMemoryLoginFailureCounterTests() => _counter = new InMemoryLoginFailureCounter(_time);

    [Fact]
    public async Task ReadAsync_NoFailures_CountsNothing()
    {
        (await _counter.ReadAsync(Keys, CancellationToken.None)).Should().Be(default(LoginFailureCounts));
    }

    [Fact]
    public async Task RecordFailureAsync_TwoFailures_CountsBothKeysInAWindowFromTheFirst()
    {
        await _counter.RecordFailureAsync(Keys, Window, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        var recorded = await _counter.RecordFailureAsync(Keys, Window, CancellationToken.None);

        var expected = new LoginFailureCount(2, TimeSpan.FromMinutes(10));
        recorded.Should().Be(new LoginFailureCounts(expected, expected));
        (await _counter.ReadAsync(Keys, CancellationToken.None)).Should().Be(recorded);
    }

    [Fact]
    public async Task RecordFailureAsync_WindowEnded_StartsAfresh()
    {
        await _counter.RecordFailureAsync(Keys, Window, CancellationToken.None);
        await _counter.RecordFailureAsync(Keys, Window, CancellationToken.None);
        _time.Advance(Window);

        var ended = await _counter.ReadAsync(Keys, CancellationToken.None);
        var recorded = await _counter.RecordFailureAsync(Keys, Window, CancellationToken.None);

        ended.Should().Be(default(LoginFailureCounts));
        recorded.Username.Should().Be(new LoginFailureCount(1, Window));
    }

    /// <summary>A longer window in front keeps an ended shorter one from the sweep; it must not count on.</summary>
    [Fact]
    public async Task RecordFailureAsync_EndedWindowBehindALongerOne_StartsAfresh()
    {
        await _counter.RecordFailureAsync(Keys with { Username = "longer" }, TimeSpan.FromHours(1), CancellationToken.None);
        await _counter.RecordFailureAsync(Keys, TimeSpan.FromMinutes(1), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        var recorded = await _counter.RecordFailureAsync(Keys, TimeSpan.FromMinutes(1), CancellationToken.None);

        recorded.Username.Should().Be(new LoginFailureCount(1, TimeSpan.FromMinutes(1)));
    }
}
