namespace Credentials.ApiKeys;

/// <summary>
/// Where a key stands against the rate limit closest to refusing it, after a verification: what an HTTP layer puts in
/// <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c>.
/// </summary>
/// <param name="Name">The limit's name.</param>
/// <param name="Limit">The requests the limit admits per window.</param>
/// <param name="Remaining">The requests still admitted in the current window.</param>
/// <param name="ResetAfter">How long until the current window ends.</param>
public sealed record ApiKeyRateLimitStatus(string Name, int Limit, int Remaining, TimeSpan ResetAfter);
