namespace Credentials.ApiKeys;

/// <summary>
/// A key's usage credits (the API's <c>credits</c>): each successful verification spends some, atomically in the
/// store, and a key with too few left is refused as <see cref="ApiKeyVerificationFailure.UsageExceeded"/>.
/// </summary>
/// <remarks>
/// In a record read from the store (or the verification cache) <see cref="Remaining"/> is the count at the time of that
/// read: the store's count is the truth, and it alone decides (<see cref="IApiKeyStore.SpendCreditsAsync"/>).
/// </remarks>
public sealed record ApiKeyCredits
{
    /// <summary>The credits left; at least 0.</summary>
    public long Remaining { get; init; }

    /// <summary>How the credits refill; null for credits that never refill.</summary>
    public ApiKeyCreditRefill? Refill { get; init; }

    /// <summary>
    /// The instant the last refill is counted from (the key's creation at first); later refills are whole intervals
    /// after it. Set by the service at creation; ignored in a create request.
    /// </summary>
    public DateTimeOffset? RefilledAt { get; init; }

    /// <summary>The next refill after <paramref name="now"/>, or null when the credits never refill.</summary>
    /// <param name="now">The current instant.</param>
    public DateTimeOffset? NextRefillAfter(DateTimeOffset now)
    {
        if (Refill is not { Interval.Ticks: > 0 } refill || RefilledAt is not { } from)
        {
            return null;
        }

        var elapsed = Math.Max(0, now.UtcTicks - from.UtcTicks);
        return from.AddTicks(((elapsed / refill.Interval.Ticks) + 1) * refill.Interval.Ticks);
    }
}
