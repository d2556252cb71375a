using System.Globalization;
using Credentials.ApiKeys;
using Credentials.StackExchangeRedis.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.ApiKeys;

/// <summary>
/// <see cref="IApiKeyRateLimitCounter"/> on Redis: every instance that uses the same server and key prefix spends one
/// budget per key and limit. One Lua script per acquisition covers all of a key's limits, so concurrent requests on any
/// number of instances are admitted at most a limit per window. Windows are the host's (its <see cref="TimeProvider"/>
/// picks the window, which is part of the key's name), the same fixed windows from the Unix epoch as in process; Redis
/// only counts, and drops a window's key once it is over.
/// </summary>
/// <remarks>
/// Keys are <c>{prefix}ratelimit:{uuid}:{window seconds}:{limit}:{window number}:{limit name}</c>: the key's public
/// uuid and the limit's name (at most 64 characters), never a secret. While Redis does not answer, requests are counted
/// in this process (the host's <see cref="InMemoryApiKeyRateLimitCounter"/>) and a warning is logged once.
/// </remarks>
internal sealed class RedisApiKeyRateLimitCounter(
    RedisConnection connection,
    string keyPrefix,
    TimeProvider time,
    InMemoryApiKeyRateLimitCounter fallback,
    ILogger<RedisApiKeyRateLimitCounter> logger) : IApiKeyRateLimitCounter
{
    /// <summary>How long a window's key outlives the window: instances whose clocks differ this much still share it.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    private readonly string _prefix = keyPrefix + "ratelimit:";

    private readonly RedisOutage _outage = new();

    public async ValueTask<ApiKeyRateLimitDecision> AcquireAsync(Guid keyUuid, IReadOnlyList<ApiKeyRateLimit> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var now = time.GetUtcNow();
        var keys = new RedisKey[limits.Count];
        var values = new RedisValue[limits.Count * 2];
        var resets = new TimeSpan[limits.Count];
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            var (index, resetAfter) = limit.WindowAt(now);
            keys[i] = KeyOf(keyUuid, limit, index);
            values[2 * i] = limit.Limit;
            values[(2 * i) + 1] = (long)Math.Ceiling((resetAfter + ClockTolerance).TotalMilliseconds);
            resets[i] = resetAfter;
        }

        long[] used;
        try
        {
            used = (long[])(await connection.EvaluateAsync("ApiKeys.RateLimit", RateLimitScripts.Acquire, keys, values, cancellationToken).ConfigureAwait(false))!;
        }
        catch (RedisCredentialStoreException exception)
        {
            if (_outage.Began())
            {
                RedisRateLimitLog.FellBack(logger, exception);
            }

            return await fallback.AcquireAsync(keyUuid, limits, cancellationToken).ConfigureAwait(false);
        }

        if (_outage.Ended())
        {
            RedisRateLimitLog.Recovered(logger);
        }

        return Decision(limits, resets, used);
    }

    /// <summary>Refused: the refusing limit's standing; admitted: the standing of the limit closest to refusing.</summary>
    private static ApiKeyRateLimitDecision Decision(IReadOnlyList<ApiKeyRateLimit> limits, TimeSpan[] resets, long[] used)
    {
        var refused = (int)used[0];
        if (refused > 0)
        {
            return new ApiKeyRateLimitDecision(false, Status(limits[refused - 1], used[refused], resets[refused - 1]));
        }

        var tightest = 0;
        for (var i = 1; i < limits.Count; i++)
        {
            if (limits[i].Limit - used[i + 1] < limits[tightest].Limit - used[tightest + 1])
            {
                tightest = i;
            }
        }

        return new ApiKeyRateLimitDecision(true, Status(limits[tightest], used[tightest + 1], resets[tightest]));
    }

    private static ApiKeyRateLimitStatus Status(ApiKeyRateLimit limit, long used, TimeSpan resetAfter) =>
        new(limit.Name, limit.Limit, (int)Math.Max(0, limit.Limit - used), resetAfter);

    private RedisKey KeyOf(Guid keyUuid, ApiKeyRateLimit limit, long windowIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(limit.Name);
        if (limit.Name.Length > ApiKeyRateLimit.MaxNameLength)
        {
            throw new ArgumentException($"A rate limit's name is at most {ApiKeyRateLimit.MaxNameLength} characters.", nameof(limit));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{_prefix}{keyUuid:N}:{(long)limit.Window.TotalSeconds}:{limit.Limit}:{windowIndex}:{limit.Name}");
    }
}
