using Microsoft.Extensions.Logging;

namespace Credentials.StackExchangeRedis.Login;

/// <summary>Log messages of the Redis failed-login counter (event ids 7100-7199). They never name a key: keys are per user.</summary>
internal static partial class RedisLoginFailureLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Redis did not answer the failed-login counter; counting failed logins in this process until it does (each instance has budgets of its own meanwhile)")]
    public static partial void FellBack(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Redis answers the failed-login counter again; failed logins are counted for every instance together")]
    public static partial void Recovered(ILogger logger);
}
