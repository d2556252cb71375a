using Microsoft.Extensions.Logging;

namespace Credentials.ApiKeys;

/// <summary>API key log messages (event ids 1000-1999). Keys are named by uuid only: never a key, hash or pepper.</summary>
internal static partial class ApiKeyLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Created API key {Uuid} for owner {OwnerId}")]
    public static partial void Created(ILogger logger, Guid uuid, string ownerId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Refused to create an API key for {UserId} acting by {ActorKind}: no create permission, or a web token or grace secret")]
    public static partial void CreateForbidden(ILogger logger, string? userId, ApiKeyActorKind actorKind);

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

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Refused to create an API key for owner {OwnerId} by {UserId}: it would grant permissions the owner or the creator lacks")]
    public static partial void CreateBeyondGrant(ILogger logger, string userId, string ownerId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Refused to {Action} API keys: a {ActorKind} without a key-management grant may not")]
    public static partial void ManagementForbidden(ILogger logger, ApiKeyActorKind actorKind, string action);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Refused a web token of API key {Uuid}: {Reason}")]
    public static partial void WebTokenKeyRefused(ILogger logger, Guid uuid, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Withdrew the web token just issued to API key {Uuid}: the key changed while it was issued")]
    public static partial void WebTokenWithdrawn(ILogger logger, Guid uuid);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Changed the metering of API key {Uuid}: {RateLimitCount} rate limits, credits {HasCredits}")]
    public static partial void MeteringChanged(ILogger logger, Guid uuid, int rateLimitCount, bool hasCredits);
}
