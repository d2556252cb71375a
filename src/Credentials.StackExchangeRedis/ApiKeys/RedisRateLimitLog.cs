using Microsoft.Extensions.Logging;

namespace Credentials.StackExchangeRedis.ApiKeys;

/// <summary>Log messages of the Redis rate-limit counter (event ids 7300-7399). They never name a key.</summary>
internal static partial class RedisRateLimitLog
{
    [LoggerMessage(EventId = 7300, Level = LogLevel.Warning, Message = "Redis did not answer the API-key rate-limit counter; counting rate limits in this process until it does (each instance admits a full limit meanwhile)")]
    public static partial void FellBack(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Redis answers the API-key rate-limit counter again; rate limits are counted for every instance together")]
    public static partial void Recovered(ILogger logger);
}
