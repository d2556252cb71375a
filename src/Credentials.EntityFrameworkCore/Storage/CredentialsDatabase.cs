using System.Data.Common;
using Credentials.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// Runs one store operation on a fresh <typeparamref name="TContext"/> from its own DI scope, so the stores can be
/// singletons whatever lifetime the services that use them have, and no tracked state outlives an operation.
/// Database faults become a <see cref="CredentialStoreException"/>; cancellation passes through.
/// </summary>
internal sealed class CredentialsDatabase<TContext>(IServiceScopeFactory scopes, ILogger logger)
    where TContext : DbContext
{
    /// <summary>How many times a write that met a conflict (unique violation, serialization failure, busy database) is tried.</summary>
    public const int MaxAttempts = 5;

    public Task<T> RunAsync<T>(string operation, Func<TContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(operation, work, maxAttempts: 1, cancellationToken);

    /// <summary>Like <see cref="RunAsync{T}(string, Func{TContext, CancellationToken, Task{T}}, CancellationToken)"/>, but tries a write again, up to <see cref="MaxAttempts"/> times, when it met a conflict.</summary>
    public Task<T> RunWithRetryAsync<T>(string operation, Func<TContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(operation, work, MaxAttempts, cancellationToken);

    private async Task<T> RunAsync<T>(string operation, Func<TContext, CancellationToken, Task<T>> work, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var context = scope.ServiceProvider.GetRequiredService<TContext>();
                    EnsureMapped(context);
                    return await work(context, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (DatabaseCause(exception) is { } cause)
            {
                if (attempt < maxAttempts && IsConflict(cause))
                {
                    EntityFrameworkStoreLog.ConflictRetried(logger, operation, attempt, maxAttempts, cause);
                    await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                EntityFrameworkStoreLog.OperationFailed(logger, operation, cause);
                throw new CredentialStoreException(
                    $"The Credentials store could not complete {operation}: the database failed or refused the change " +
                    "(unreachable, timed out, a duplicate key, or a conflict that outlasted the retries). See the inner exception.",
                    cause);
            }
        }
    }

    /// <summary>
    /// The database's own exception, or null for anything else (a bug, a cancellation). EF Core's non-retrying
    /// execution strategies wrap a transient provider exception in an <see cref="InvalidOperationException"/>; that
    /// wrapper is looked through.
    /// </summary>
    private static Exception? DatabaseCause(Exception exception) => exception switch
    {
        DbException or DbUpdateException or TimeoutException or RetryLimitExceededException => exception,
        InvalidOperationException { InnerException: { } inner } => DatabaseCause(inner),
        _ => null,
    };

    /// <summary>
    /// True for failures that a second try can cure: PostgreSQL's unique violation (23505), serialization failure
    /// (40001) and deadlock (40P01), and whatever the provider marks transient (SQLite's busy and locked database).
    /// </summary>
    internal static bool IsConflict(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException db)
            {
                return db.IsTransient || db.SqlState is "23505" or "40001" or "40P01" || IsSqliteBusy(db);
            }
        }

        return false;
    }

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6), read by name: this package does not depend on the SQLite provider, and
    // Microsoft.Data.Sqlite reports the code only in its own SqliteErrorCode property.
    private static bool IsSqliteBusy(DbException exception) =>
        exception.GetType().GetProperty("SqliteErrorCode")?.GetValue(exception) is 5 or 6;

    private static void EnsureMapped(TContext context)
    {
        if (context.Model.FindEntityType(typeof(ApiKeyRow)) is null || context.Model.FindEntityType(typeof(WebTokenRow)) is null)
        {
            throw new InvalidOperationException(
                $"{typeof(TContext).Name} does not map the Credentials tables: call modelBuilder.ApplyCredentialsModel() in its OnModelCreating.");
        }
    }
}
