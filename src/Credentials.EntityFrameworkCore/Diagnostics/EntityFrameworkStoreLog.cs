using Microsoft.Extensions.Logging;

namespace Credentials.EntityFrameworkCore.Diagnostics;

/// <summary>Log messages of the EF Core stores (event ids 5000-5999). They name operations, never secrets or hashes.</summary>
internal static partial class EntityFrameworkStoreLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Credentials store operation {Operation} failed in the database")]
    public static partial void OperationFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Credentials store operation {Operation} met a write conflict; retrying (attempt {Attempt} of {MaxAttempts})")]
    public static partial void ConflictRetried(ILogger logger, string operation, int attempt, int maxAttempts, Exception exception);
}
