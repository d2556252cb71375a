using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

/// <summary>
/// The rate limits of every key in this process: one <see cref="ApiKeyWindowLimiter"/> per key and named limit, in a
/// <see cref="PartitionedRateLimiter"/> that drops a partition once it has been idle (its window over) for a while, so
/// memory follows the keys in use, not every key ever seen. Only verified keys reach it, so made-up keys add nothing.
/// Per process: N instances admit up to N times a limit between them.
/// </summary>
internal sealed class ApiKeyRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Partition> _limiter;
    private readonly ApiKeyRateLimit? _default;

    public ApiKeyRateLimiter(IOptions<CredentialsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _default = options.Value.ApiKeys.DefaultRateLimit;
        Func<Partition, RateLimiter> create = p => new ApiKeyWindowLimiter(p.Limit, TimeSpan.FromTicks(p.WindowTicks), time);
        _limiter = PartitionedRateLimiter.Create<Partition, Partition>(p => RateLimitPartition.Get(p, create));
    }

    /// <summary>Whether any limit applies to the key: its own, else the host's default.</summary>
    public bool Limits(ApiKey key) => key.RateLimits.Count > 0 || _default is not null;

    /// <summary>
    /// Takes one request from each of the key's limits in order (the host's default when it has none), stopping at the
    /// first that refuses. Admitted: the standing of the limit closest to refusing; refused: the refusing limit's.
    /// </summary>
    public (bool Admitted, ApiKeyRateLimitStatus Status) Acquire(ApiKey key)
    {
        if (key.RateLimits.Count == 0)
        {
            return Acquire(key.Uuid, _default!);
        }

        (bool Admitted, ApiKeyRateLimitStatus Status) tightest = default;
        foreach (var limit in key.RateLimits)
        {
            var taken = Acquire(key.Uuid, limit);
            if (!taken.Admitted)
            {
                return taken;
            }

            if (tightest.Status is null || taken.Status.Remaining < tightest.Status.Remaining)
            {
                tightest = taken;
            }
        }

        return tightest;
    }

    public void Dispose() => _limiter.Dispose();

    private (bool Admitted, ApiKeyRateLimitStatus Status) Acquire(Guid uuid, ApiKeyRateLimit limit)
    {
        // The limit's values are part of the partition, so a changed limit starts a fresh window instead of inheriting one.
        using var lease = (ApiKeyWindowLimiter.WindowLease)_limiter.AttemptAcquire(new Partition(uuid, limit.Name, limit.Limit, limit.Window.Ticks));
        return (lease.IsAcquired, new ApiKeyRateLimitStatus(limit.Name, lease.Limit, lease.Remaining, lease.ResetAfter));
    }

    /// <summary>One key's one limit.</summary>
    private readonly record struct Partition(Guid Uuid, string Name, int Limit, long WindowTicks);
}
