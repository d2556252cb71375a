using System.Threading.RateLimiting;

namespace Credentials.ApiKeys;

/// <summary>
/// One fixed-window limit of one key, read from <see cref="TimeProvider"/> (the platform's limiters read Stopwatch, so a
/// fake clock could not drive them). Windows are aligned to the Unix epoch. No queue: a request is admitted or refused
/// at once. Exact under concurrency (one lock); at a window boundary up to twice the limit may pass within one window's
/// length, the known tolerance of fixed windows.
/// </summary>
internal sealed class ApiKeyWindowLimiter(int limit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly object _lock = new();
    private readonly long _windowTicks = window.Ticks;
    private long _windowIndex = long.MinValue;
    private int _used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                // Idle once its window has passed: a limiter created afresh would then answer the same.
                var now = time.GetUtcNow().UtcTicks;
                var end = (_windowIndex + 1) * _windowTicks;
                return _used == 0 ? TimeSpan.Zero : now >= end ? TimeSpan.FromTicks(now - end) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = limit - UsedAt(time.GetUtcNow().UtcTicks) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            var used = UsedAt(now);
            var resetAfter = TimeSpan.FromTicks(((_windowIndex + 1) * _windowTicks) - now);
            if (used + permitCount > limit)
            {
                return new WindowLease(false, limit, limit - used, resetAfter);
            }

            _used = used + permitCount;
            return new WindowLease(true, limit, limit - _used, resetAfter);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        new(AttemptAcquireCore(permitCount));

    /// <summary>The permits used in the window holding <paramref name="now"/>, starting that window if it is new. Under the lock.</summary>
    private int UsedAt(long now)
    {
        var index = now / _windowTicks;
        if (index != _windowIndex)
        {
            _windowIndex = index;
            _used = 0;
        }

        return _used;
    }

    /// <summary>An admission or refusal with the window's standing; nothing to release (windows are not concurrency limits).</summary>
    internal sealed class WindowLease(bool isAcquired, int limit, int remaining, TimeSpan resetAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public int Limit => limit;

        public int Remaining => remaining;

        public TimeSpan ResetAfter => resetAfter;

        public override IEnumerable<string> MetadataNames => isAcquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !isAcquired && metadataName == MetadataName.RetryAfter.Name ? resetAfter : null;
            return metadata is not null;
        }
    }
}
