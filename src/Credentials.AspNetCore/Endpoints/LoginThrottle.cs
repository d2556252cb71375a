using System.Threading.RateLimiting;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Counts failed logins with ASP.NET Core's rate limiters (System.Threading.RateLimiting), one fixed-window limiter per
/// username and one per client address. Only failures spend permits: a user who types the password right is never slowed.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byUsername;
    private readonly PartitionedRateLimiter<string> _byAddress;

    public LoginThrottle(LoginThrottleOptions settings)
    {
        _byUsername = Create(settings.FailuresPerUsername, settings.Window);
        _byAddress = Create(settings.FailuresPerAddress, settings.Window);
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
}
