using System.Collections.Concurrent;

namespace Credentials.ApiKeys;

/// <summary>
/// The default <see cref="IApiKeyRateLimitCounter"/>: counts in this process, so N instances admit up to N times a limit
/// between them. One small counter per key and limit in a concurrent map (a lookup and a lock on that counter alone,
/// nothing allocated but the reported standing); counters whose window has ended are swept out at most every
/// <see cref="SweepInterval"/> of the host's clock, so memory follows the keys in use, not every key ever seen.
/// </summary>
public sealed class InMemoryApiKeyRateLimitCounter : IApiKeyRateLimitCounter
{
    /// <summary>How often, at most, counters of ended windows are dropped.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<CounterKey, WindowCounter> _counters = new();
    private readonly TimeProvider _time;
    private long _nextSweepTicks;

    /// <summary>A counter reading windows from <paramref name="time"/>.</summary>
    /// <param name="time">The host's clock.</param>
    public InMemoryApiKeyRateLimitCounter(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>How many key-and-limit counters are held now (ended windows included until the next sweep).</summary>
    public int Count => _counters.Count;

    /// <inheritdoc />
    public ValueTask<ApiKeyRateLimitDecision> AcquireAsync(Guid keyUuid, IReadOnlyList<ApiKeyRateLimit> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var now = _time.GetUtcNow();
        SweepIfDue(now.UtcTicks);

        ApiKeyRateLimitDecision tightest = default;
        for (var i = 0; i < limits.Count; i++)
        {
            var taken = Take(keyUuid, limits[i], now);
            if (!taken.Admitted)
            {
                return new(taken);
            }

            if (tightest.Status is null || taken.Status.Remaining < tightest.Status.Remaining)
            {
                tightest = taken;
            }
        }

        return new(tightest);
    }

    private ApiKeyRateLimitDecision Take(Guid keyUuid, ApiKeyRateLimit limit, DateTimeOffset now)
    {
        var (index, resetAfter) = limit.WindowAt(now);

        // The limit's values are part of the key, so a changed limit starts a fresh window instead of inheriting one.
        var key = new CounterKey(keyUuid, limit.Name, limit.Limit, limit.Window.Ticks);
        while (true)
        {
            var counter = _counters.GetOrAdd(key, static _ => new WindowCounter());
            lock (counter)
            {
                if (counter.Swept)
                {
                    continue; // dropped by a sweep between the lookup and the lock: take the one now in the map
                }

                if (counter.Index != index)
                {
                    counter.Index = index;
                    counter.Used = 0;
                }

                var admitted = counter.Used < limit.Limit;
                if (admitted)
                {
                    counter.Used++;
                }

                return new ApiKeyRateLimitDecision(admitted, new ApiKeyRateLimitStatus(limit.Name, limit.Limit, limit.Limit - counter.Used, resetAfter));
            }
        }
    }

    /// <summary>Drops the counters whose window has ended (one thread at a time, at most once per interval).</summary>
    private void SweepIfDue(long nowTicks)
    {
        var due = Volatile.Read(ref _nextSweepTicks);
        if (nowTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, nowTicks + SweepInterval.Ticks, due) != due)
        {
            return;
        }

        var sinceEpoch = nowTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                // Ended: a counter made afresh would answer the same. Marked under its lock, so no taker counts in a dropped one.
                if ((counter.Index + 1) * key.WindowTicks <= sinceEpoch)
                {
                    counter.Swept = true;
                    _counters.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>One key's one limit.</summary>
    private readonly record struct CounterKey(Guid Uuid, string Name, int Limit, long WindowTicks);

    /// <summary>The requests admitted in one window; read and written under its own lock.</summary>
    private sealed class WindowCounter
    {
        public long Index = -1;
        public int Used;
        public bool Swept;
    }
}
