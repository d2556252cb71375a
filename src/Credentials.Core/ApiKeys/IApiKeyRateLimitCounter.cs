namespace Credentials.ApiKeys;

/// <summary>
/// Where the requests of keys with rate limits are counted: fixed windows of each limit's length, aligned to the Unix
/// epoch and read from the host's <see cref="TimeProvider"/>. The default counts in process memory
/// (<see cref="InMemoryApiKeyRateLimitCounter"/>, a budget per instance); <c>Credentials.StackExchangeRedis</c> counts in
/// Redis, so every instance of a host spends one budget.
/// </summary>
/// <remarks>
/// Only verified keys reach a counter, so made-up keys add nothing to it. Implementations must admit at most a limit's
/// requests per window under any concurrency, and must not count a refused request against the limit that refused it.
/// Counters name keys by uuid and limits by name, never by anything secret.
/// </remarks>
public interface IApiKeyRateLimitCounter
{
    /// <summary>
    /// Takes one request from each of <paramref name="limits"/> in order, stopping at the first that refuses (the limits
    /// before it keep the request counted). A limit whose values change starts a fresh window.
    /// </summary>
    /// <param name="keyUuid">The verified key's uuid.</param>
    /// <param name="limits">The key's limits (or the host's default); at least one, names unique.</param>
    /// <param name="cancellationToken">Cancels the acquisition.</param>
    /// <returns>
    /// Admitted, with the standing of the limit closest to refusing; or refused, with the refusing limit's standing.
    /// </returns>
    ValueTask<ApiKeyRateLimitDecision> AcquireAsync(Guid keyUuid, IReadOnlyList<ApiKeyRateLimit> limits, CancellationToken cancellationToken);
}
