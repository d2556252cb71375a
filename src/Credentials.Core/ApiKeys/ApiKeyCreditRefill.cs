namespace Credentials.ApiKeys;

/// <summary>
/// How a key's usage credits refill (the API's <c>credits.refill</c>: <c>amount</c>, <c>interval_seconds</c>): every
/// <see cref="Interval"/> after the last refill the remaining credits are set to <see cref="Amount"/> (not added to it,
/// so unused credits do not pile up).
/// </summary>
public sealed record ApiKeyCreditRefill
{
    /// <summary>The credits a key holds again after each refill; at least 1.</summary>
    public long Amount { get; init; }

    /// <summary>How often credits refill; 1 second to 366 days, in whole seconds (for example 30 days).</summary>
    public TimeSpan Interval { get; init; }
}
