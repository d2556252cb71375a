using Microsoft.Extensions.Logging;

namespace Credentials.Npgsql.Invalidation;

/// <summary>Log messages of the PostgreSQL invalidation channel (event ids 7100-7199). Never a message's content.</summary>
internal static partial class PostgreSqlInvalidationLog
{
    [LoggerMessage(7100, LogLevel.Warning, "The PostgreSQL invalidation listener lost its connection; reconnecting in {Delay}. Caches fall back to their duration meanwhile.")]
    public static partial void ListenerLost(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(7101, LogLevel.Information, "The PostgreSQL invalidation listener is listening; local caches forget everything, since messages may have been lost.")]
    public static partial void Listening(ILogger logger);
}
