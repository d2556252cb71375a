using Microsoft.Extensions.Logging;

namespace Credentials.Sessions;

/// <summary>Session log messages (event ids 8000-8099). Session and user ids only: never a token or a hash.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(8000, LogLevel.Debug, "Session {SessionId} opened for user {UserId}, until {ExpiresAt:O}.")]
    public static partial void Opened(ILogger logger, string sessionId, string userId, DateTimeOffset expiresAt);

    [LoggerMessage(8001, LogLevel.Information, "Session {SessionId} ended.")]
    public static partial void Ended(ILogger logger, string sessionId);

    [LoggerMessage(8002, LogLevel.Information, "Ended {Count} open sessions of user {UserId}.")]
    public static partial void EndedAll(ILogger logger, string userId, int count);

    [LoggerMessage(8003, LogLevel.Warning, "A spent refresh token of session {SessionId} was presented again: the session is ended (someone holds a copy of its tokens).")]
    public static partial void RefreshTokenReused(ILogger logger, string sessionId);

    [LoggerMessage(8004, LogLevel.Debug, "Refresh token refused: {Reason}.")]
    public static partial void RefreshRefused(ILogger logger, string reason);

    [LoggerMessage(8005, LogLevel.Debug, "Session {SessionId} refreshed.")]
    public static partial void Refreshed(ILogger logger, string sessionId);

    [LoggerMessage(8006, LogLevel.Information, "Session {SessionId} ended: its user's security stamp changed since the login.")]
    public static partial void SecurityStampChanged(ILogger logger, string sessionId);
}
