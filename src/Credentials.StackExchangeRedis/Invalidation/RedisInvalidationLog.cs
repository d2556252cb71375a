using Microsoft.Extensions.Logging;

namespace Credentials.StackExchangeRedis.Invalidation;

/// <summary>Log messages of the Redis invalidation channel (event ids 7000-7099). Never a message's content.</summary>
internal static partial class RedisInvalidationLog
{
    [LoggerMessage(7000, LogLevel.Warning, "Could not subscribe to the Redis invalidation channel; it subscribes again when Redis is back, and caches fall back to their duration meanwhile.")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(7001, LogLevel.Information, "Redis connection restored: the invalidation channel listens again and tells local caches to forget everything, since messages may have been lost.")]
    public static partial void Reconnected(ILogger logger);

    [LoggerMessage(7002, LogLevel.Warning, "Could not unsubscribe from the Redis invalidation channel while disposing it.")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception);
}
