using Microsoft.Extensions.Logging;

namespace Credentials.Diagnostics;

/// <summary>API key log messages (event ids 1000-1999). Keys are named by uuid only: never a key, hash or pepper.</summary>
internal static partial class ApiKeyLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Created API key {Uuid} for owner {OwnerId}")]
    public static partial void Created(ILogger logger, Guid uuid, string ownerId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Refused to create an API key: user {UserId} holds neither api.keys.create nor api.keys.create.own")]
    public static partial void CreateForbidden(ILogger logger, string? userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Refused an API key: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Refused API key {Uuid}: {Reason}")]
    public static partial void RejectedKnown(ILogger logger, Guid uuid, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Could not record the last use of API key {Uuid}; verification was not affected")]
    public static partial void LastUsedWriteFailed(ILogger logger, Exception exception, Guid uuid);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "API key {Uuid} is now {State}")]
    public static partial void ActiveChanged(ILogger logger, Guid uuid, string state);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Deleted API key {Uuid}")]
    public static partial void Deleted(ILogger logger, Guid uuid);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Rolled API key {Uuid}; the previous secret works until {PreviousExpiresAt}")]
    public static partial void Rolled(ILogger logger, Guid uuid, DateTimeOffset? previousExpiresAt);
}
