namespace Credentials.Login;

/// <summary>
/// Where failed logins are counted: per username key and per client address key, in fixed windows that start at a
/// key's first failure. A counter only counts and reports; the login throttle of <c>Credentials.AspNetCore</c> owns the
/// budgets, decides when an attempt is refused, and makes the keys. The default counts in process memory
/// (<see cref="InMemoryLoginFailureCounter"/>); <c>Credentials.StackExchangeRedis</c> counts in Redis, so every instance
/// of a host spends one budget.
/// </summary>
/// <remarks>
/// Keys have a fixed size and hold no username (see <see cref="LoginFailureKeys"/>). Implementations must count every
/// failure exactly once under concurrency, and need not serialize reads with records: the throttle lets one attempt per
/// key and process at a time between its read and its record.
/// </remarks>
public interface ILoginFailureCounter
{
    /// <summary>Reads the failures counted under both keys in their running windows (zero when a key has none).</summary>
    /// <param name="keys">The attempt's username and address keys.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Each key's failures and the time left in its window.</returns>
    ValueTask<LoginFailureCounts> ReadAsync(LoginFailureKeys keys, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failure under both keys. A key with no running window starts one of <paramref name="window"/>; a
    /// running window is never extended, so a key is always free again at most a window after its first failure.
    /// </summary>
    /// <param name="keys">The attempt's username and address keys.</param>
    /// <param name="window">The length of a window this failure starts.</param>
    /// <param name="cancellationToken">Cancels the record.</param>
    /// <returns>Each key's failures, this one included, and the time left in its window.</returns>
    ValueTask<LoginFailureCounts> RecordFailureAsync(LoginFailureKeys keys, TimeSpan window, CancellationToken cancellationToken);
}
