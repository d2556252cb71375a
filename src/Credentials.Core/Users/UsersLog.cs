using Microsoft.Extensions.Logging;

namespace Credentials.Users;

/// <summary>
/// Password login log messages (event ids 3000-3499). They never carry a password or a username: people paste
/// passwords into username fields. A user is named by its id only once the password matched.
/// </summary>
internal static partial class UsersLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Password login succeeded for user {UserId}")]
    public static partial void LoginSucceeded(ILogger logger, string userId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Password login refused: {Reason}")]
    public static partial void LoginRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Password hash of user {UserId} upgraded to the current format and cost")]
    public static partial void PasswordRehashed(ILogger logger, string userId);
}
