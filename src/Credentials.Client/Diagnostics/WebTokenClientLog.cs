using Microsoft.Extensions.Logging;

namespace Credentials.Client.Diagnostics;

/// <summary>
/// Web token client log messages (event ids 2100-2199, the range they had inside Credentials.Core, so existing log
/// filters keep working). Tokens are never logged.
/// </summary>
internal static partial class WebTokenClientLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Fetched a new web token, expiring at {ExpiresAt:O}.")]
    public static partial void Fetched(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Took the web token another instance shared, expiring at {ExpiresAt:O}.")]
    public static partial void AdoptedShared(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Refreshing the web token failed (attempt {Attempt}); the current token stays in use until {ExpiresAt:O}, next try after {RetryAt:O}.")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, int attempt, DateTimeOffset expiresAt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "The server rejected the current web token; the next caller fetches a new one.")]
    public static partial void Invalidated(ILogger logger);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "A web token fetch abandoned at its timeout failed; its callers had already been given a TimeoutException.")]
    public static partial void AbandonedFetchFailed(ILogger logger, Exception exception);
}
