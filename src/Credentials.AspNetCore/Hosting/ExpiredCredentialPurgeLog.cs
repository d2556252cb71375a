using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Hosting;

/// <summary>Log messages of the expired-credential purge (event ids 6400-6499): counts and store kinds, never an id.</summary>
internal static partial class ExpiredCredentialPurgeLog
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Information, Message = "Purged expired credentials: {WebTokens} web tokens, {Sessions} sessions, {ApiKeys} API keys.")]
    public static partial void Purged(ILogger logger, int webTokens, int sessions, int apiKeys);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Warning, Message = "Purging expired {Store} failed; the next purge, in {Interval}, tries again.")]
    public static partial void PurgeFailed(ILogger logger, Exception exception, string store, TimeSpan interval);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Debug, Message = "Expired-credential purge starts in {FirstRun}, then runs every {Interval}.")]
    public static partial void Scheduled(ILogger logger, TimeSpan firstRun, TimeSpan interval);
}
