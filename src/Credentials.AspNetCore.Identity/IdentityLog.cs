using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// ASP.NET Core Identity adapter log messages (event ids 9100-9199). They carry user ids and Identity error codes,
/// never a username, a password, a hash or a security stamp.
/// </summary>
internal static partial class IdentityLog
{
    [LoggerMessage(9100, LogLevel.Debug, "Identity password login succeeded for user {UserId}.")]
    public static partial void LoginSucceeded(ILogger logger, string userId);

    [LoggerMessage(9101, LogLevel.Information, "Identity password login refused: {Reason}.")]
    public static partial void LoginRefused(ILogger logger, string reason);

    [LoggerMessage(9102, LogLevel.Warning, "Identity could not count a failed login for user {UserId}: {ErrorCodes}.")]
    public static partial void AccessFailedNotCounted(ILogger logger, string userId, string errorCodes);

    [LoggerMessage(9103, LogLevel.Warning, "Identity could not reset the failed-login count of user {UserId}: {ErrorCodes}.")]
    public static partial void AccessFailedCountNotReset(ILogger logger, string userId, string errorCodes);
}
