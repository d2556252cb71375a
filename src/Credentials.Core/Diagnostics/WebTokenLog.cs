using Microsoft.Extensions.Logging;

namespace Credentials.Diagnostics;

/// <summary>Web token log messages (event ids 2000-2999). Tokens and hashes are never logged; subjects are ids.</summary>
internal static partial class WebTokenLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Issued a web token for subject {Subject}, expiring at {ExpiresAt:O}; any previous token of the subject is retired.")]
    public static partial void Issued(ILogger logger, string subject, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Rejected a web token: {Reason}.")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Revoked the web token of subject {Subject}.")]
    public static partial void Revoked(ILogger logger, string subject);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Fetched a new web token, expiring at {ExpiresAt:O}.")]
    public static partial void ClientFetched(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Took the web token another instance shared, expiring at {ExpiresAt:O}.")]
    public static partial void ClientAdoptedShared(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Refreshing the web token failed (attempt {Attempt}); the current token stays in use until {ExpiresAt:O}, next try after {RetryAt:O}.")]
    public static partial void ClientRefreshFailed(ILogger logger, Exception exception, int attempt, DateTimeOffset expiresAt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "The server rejected the current web token; the next caller fetches a new one.")]
    public static partial void ClientInvalidated(ILogger logger);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "A web token fetch abandoned at its timeout failed; its callers had already been given a TimeoutException.")]
    public static partial void ClientAbandonedFetchFailed(ILogger logger, Exception exception);
}
