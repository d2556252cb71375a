using Microsoft.Extensions.Logging;

namespace Credentials.Login;

/// <summary>Login log messages (event ids 3500-3999). Never the password or the token; a refusal names no user.</summary>
internal static partial class LoginLog
{
    [LoggerMessage(3500, LogLevel.Information, "User {UserId} logged in (session {SessionId}); JWT {TokenId} issued.")]
    public static partial void LoggedIn(ILogger logger, string userId, string sessionId, string tokenId);

    [LoggerMessage(3501, LogLevel.Information, "Login refused: {Reason}.")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(3502, LogLevel.Information, "User {UserId} refreshed session {SessionId}; JWT {TokenId} issued.")]
    public static partial void Refreshed(ILogger logger, string userId, string sessionId, string tokenId);
}
