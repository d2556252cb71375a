using System.Threading.RateLimiting;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Counts failed logins with ASP.NET Core's rate limiters (System.Threading.RateLimiting), one fixed-window limiter per
/// username and one per client address. Only failures spend permits: a user who types the password right is never slowed.
/// Because a failure is only known after the password check, attempts for one username or from one address take turns
/// (a concurrency limiter of one, with a queue): otherwise a burst sent at once would all pass the check before the
/// first failure is counted.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    /// <summary>Attempts that may wait for their turn per username or address; more answer 429 at once.</summary>
    private const int TurnQueueLimit = 32;

    private readonly PartitionedRateLimiter<string> _byUsername;
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _turnsByUsername = CreateTurns();
    private readonly PartitionedRateLimiter<string> _turnsByAddress = CreateTurns();

    public LoginThrottle(LoginThrottleOptions settings)
    {
        _byUsername = Create(settings.FailuresPerUsername, settings.Window);
        _byAddress = Create(settings.FailuresPerAddress, settings.Window);
    }

    /// <summary>
    /// Waits until no other attempt for this username or from this address is being checked; dispose the turn when the
    /// attempt is decided. Null when too many attempts are already waiting. Username turns are always taken before
    /// address turns, so two attempts never wait for each other.
    /// </summary>
    public async ValueTask<IDisposable?> TakeTurnAsync(string username, string address, CancellationToken cancellationToken)
    {
        var user = await _turnsByUsername.AcquireAsync(UsernameKey(username), 1, cancellationToken).ConfigureAwait(false);
        RateLimitLease? client = null;
        try
        {
            client = user.IsAcquired ? await _turnsByAddress.AcquireAsync(address, 1, cancellationToken).ConfigureAwait(false) : null;
        }
        finally
        {
            if (client is not { IsAcquired: true })
            {
                client?.Dispose();
                user.Dispose();
            }
        }

        return client is { IsAcquired: true } ? new Turn(user, client) : null;
    }

    /// <summary>How long the caller must wait before another attempt, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string username, string address)
    {
        using var user = _byUsername.AttemptAcquire(UsernameKey(username), 0);
        using var client = _byAddress.AttemptAcquire(address, 0);
        return Longest(user, client);
    }

    /// <summary>Spends one permit of each limit for a failed attempt.</summary>
    public void RecordFailure(string username, string address)
    {
        _byUsername.AttemptAcquire(UsernameKey(username)).Dispose();
        _byAddress.AttemptAcquire(address).Dispose();
    }

    public void Dispose()
    {
        _byUsername.Dispose();
        _byAddress.Dispose();
        _turnsByUsername.Dispose();
        _turnsByAddress.Dispose();
    }

    /// <summary>Usernames differing only in case or surrounding spaces share one budget.</summary>
    private static string UsernameKey(string username) => username.Trim().ToUpperInvariant();

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static PartitionedRateLimiter<string> CreateTurns() =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = 1,
            QueueLimit = TurnQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    private static TimeSpan? Longest(params RateLimitLease[] leases)
    {
        TimeSpan? longest = null;
        foreach (var lease in leases)
        {
            if (lease.IsAcquired)
            {
                continue;
            }

            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            longest = longest is { } current && current > wait ? current : wait;
        }

        return longest;
    }

    private sealed class Turn(RateLimitLease user, RateLimitLease client) : IDisposable
    {
        public void Dispose()
        {
            client.Dispose();
            user.Dispose();
        }
    }
}
