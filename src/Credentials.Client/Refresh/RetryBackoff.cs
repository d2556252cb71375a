namespace Credentials.Client.Refresh;

/// <summary>
/// When a background refresh may start again after failures: the delay doubles per failure up to
/// <see cref="WebTokenClientOptions.MaxRetryDelay"/>, and a token that arrives resets it. Not thread-safe: its owner
/// calls it under its own lock.
/// </summary>
internal sealed class RetryBackoff(WebTokenClientOptions options)
{
    private int _failures;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>Whether a background refresh may start at <paramref name="now"/>.</summary>
    public bool Allows(DateTimeOffset now) => now >= _retryAt;

    /// <summary>Counts a failure; returns its attempt number and when the next background refresh may start.</summary>
    public (int Attempt, DateTimeOffset RetryAt) RecordFailure(DateTimeOffset now)
    {
        var attempt = ++_failures;
        var delay = DelayAfter(attempt);
        _retryAt = delay < DateTimeOffset.MaxValue - now ? now + delay : DateTimeOffset.MaxValue;
        return (attempt, _retryAt);
    }

    /// <summary>A token arrived: the next failure waits the initial delay again.</summary>
    public void Reset()
    {
        _failures = 0;
        _retryAt = DateTimeOffset.MinValue;
    }

    /// <summary>
    /// Worked in ticks as a double: thirty doublings of a long delay overflow <see cref="TimeSpan"/>, and a throw here,
    /// inside the manager's failure handling, would leave the waiters hanging.
    /// </summary>
    private TimeSpan DelayAfter(int attempt)
    {
        var ticks = options.InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ticks < options.MaxRetryDelay.Ticks ? TimeSpan.FromTicks((long)ticks) : options.MaxRetryDelay;
    }
}
