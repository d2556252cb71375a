namespace Credentials.ApiKeys;

/// <summary>
/// A named rate limit on a key: at most <see cref="Limit"/> successful verifications per fixed <see cref="Window"/>
/// (the API's <c>rate_limits</c> items: <c>name</c>, <c>limit</c>, <c>window_seconds</c>). Windows are aligned to the
/// Unix epoch, so every limit of one window length turns over at the same instants.
/// </summary>
public sealed record ApiKeyRateLimit
{
    /// <summary>The limit's name, unique on its key (for example <c>default</c> or <c>burst</c>).</summary>
    public string Name { get; init; } = "default";

    /// <summary>The most requests admitted per window; at least 1.</summary>
    public int Limit { get; init; }

    /// <summary>The window's length; 1 second to 1 day, in whole seconds.</summary>
    public TimeSpan Window { get; init; }
}
