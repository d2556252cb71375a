using Microsoft.Extensions.Logging;

namespace Credentials.Invalidation;

/// <summary>Invalidation channel log messages (event ids 5000-5099). Never a message's content from the wire.</summary>
internal static partial class InvalidationLog
{
    [LoggerMessage(5000, LogLevel.Warning, "Could not send a {Kind} invalidation to the other instances; they catch up within their cache duration.")]
    public static partial void SendFailed(ILogger logger, Exception exception, CredentialInvalidationKind kind);

    [LoggerMessage(5001, LogLevel.Error, "An invalidation subscriber failed on a {Kind} message; the other subscribers still ran.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, CredentialInvalidationKind kind);

    [LoggerMessage(5002, LogLevel.Warning, "Dropped an unreadable invalidation message of {Length} characters.")]
    public static partial void Unreadable(ILogger logger, int length);
}
