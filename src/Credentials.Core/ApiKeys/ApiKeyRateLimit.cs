namespace Credentials.ApiKeys;

/// <summary>
/// A named rate limit on a key: at most <see cref="Limit"/> successful verifications per fixed <see cref="Window"/>
/// (the API's <c>rate_limits</c> items: <c>name</c>, <c>limit</c>, <c>window_seconds</c>). Windows are aligned to the
/// Unix epoch, so every limit of one window length turns over at the same instants.
/// </summary>
public sealed record ApiKeyRateLimit
{
    /// <summary>64: the longest <see cref="Name"/>, so a shared counter's key name stays bounded.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The limit's name, unique on its key (for example <c>default</c> or <c>burst</c>), at most <see cref="MaxNameLength"/> printable characters.</summary>
    public string Name { get; init; } = "default";

    /// <summary>The most requests admitted per window; at least 1.</summary>
    public int Limit { get; init; }

    /// <summary>The window's length; 1 second to 1 day, in whole seconds.</summary>
    public TimeSpan Window { get; init; }

    /// <summary>
    /// The window holding <paramref name="now"/>: its number, counted in windows of this length from the Unix epoch (so
    /// every counter, in process or shared, agrees on it), and the time left until it ends.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <returns>The window's number and the time left in it.</returns>
    public (long Index, TimeSpan ResetAfter) WindowAt(DateTimeOffset now)
    {
        var windowTicks = Window.Ticks;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowTicks, 0);
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var index = sinceEpoch / windowTicks;
        return (index, TimeSpan.FromTicks(((index + 1) * windowTicks) - sinceEpoch));
    }
}
