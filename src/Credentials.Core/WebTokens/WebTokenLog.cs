using Microsoft.Extensions.Logging;

namespace Credentials.WebTokens;

/// <summary>
/// Web token log messages (event ids 2000-2999; 2100-2199 are the client's, in Credentials.Client). Tokens and hashes
/// are never logged; subjects are ids.
/// </summary>
internal static partial class WebTokenLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Issued a web token for subject {Subject}, expiring at {ExpiresAt:O}; any previous token of the subject is retired.")]
    public static partial void Issued(ILogger logger, string subject, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Rejected a web token: {Reason}.")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Revoked the web token of subject {Subject}.")]
    public static partial void Revoked(ILogger logger, string subject);
}
