using Microsoft.Extensions.Logging;

namespace Credentials.Invalidation;

/// <summary>Invalidation channel log messages (event ids 4800-4899). Never a message's content from the wire.</summary>
internal static partial class InvalidationLog
{
    [LoggerMessage(4800, LogLevel.Warning, "Could not send a {Kind} invalidation to the other instances; they catch up within their cache duration.")]
    public static partial void SendFailed(ILogger logger, Exception exception, CredentialInvalidationKind kind);

    [LoggerMessage(4801, LogLevel.Error, "An invalidation subscriber failed on a {Kind} message; the other subscribers still ran.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, CredentialInvalidationKind kind);

    [LoggerMessage(4802, LogLevel.Warning, "Dropped an unreadable invalidation message of {Length} characters.")]
    public static partial void Unreadable(ILogger logger, int length);
}
