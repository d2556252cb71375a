using Microsoft.Extensions.Logging;

namespace Credentials.Npgsql.Invalidation;

/// <summary>Log messages of the PostgreSQL invalidation channel (event ids 7200-7299). Never a message's content.</summary>
internal static partial class PostgreSqlInvalidationLog
{
    [LoggerMessage(7200, LogLevel.Warning, "The PostgreSQL invalidation listener lost its connection; reconnecting in {Delay}. Caches fall back to their duration meanwhile.")]
    public static partial void ListenerLost(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(7201, LogLevel.Information, "The PostgreSQL invalidation listener is listening; local caches forget everything, since messages may have been lost.")]
    public static partial void Listening(ILogger logger);
}
