using Credentials.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credentials.EntityFrameworkCore.HealthChecks;

/// <summary>
/// Whether the stores can work: the database answers, and each Credentials table of <typeparamref name="TContext"/>'s
/// model exists and can be read (one <c>EXISTS</c> query each). The description names a table or the database, never
/// the connection string; provider exceptions stay out of the result, since their messages may name servers and users.
/// </summary>
/// <typeparam name="TContext">The host's context, as passed to <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>.</typeparam>
internal sealed class EntityFrameworkStoresHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var database = scope.ServiceProvider.GetRequiredService<TContext>();
            if (!await database.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The Credentials database cannot be reached.");
            }

            foreach (var (table, readAsync) in Tables(database))
            {
                if (table is null)
                {
                    return new HealthCheckResult(context.Registration.FailureStatus, $"{typeof(TContext).Name} does not map the Credentials tables: call modelBuilder.ApplyCredentialsModel() in OnModelCreating.");
                }

                try
                {
                    _ = await readAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    return new HealthCheckResult(context.Registration.FailureStatus, $"The Credentials table {table} cannot be read ({exception.GetType().Name}): create it with the host's migrations.");
                }
            }

            return HealthCheckResult.Healthy("The Credentials database answers and its tables are there.");
        }
    }

    private static IEnumerable<(string? Table, Func<CancellationToken, Task<bool>> ReadAsync)> Tables(TContext database)
    {
        yield return Table<ApiKeyRow>(database);
        yield return Table<WebTokenRow>(database);
        yield return Table<SigningKeyRow>(database);
        yield return Table<SessionRow>(database);
        yield return Table<SessionRefreshTokenRow>(database);
    }

    private static (string? Table, Func<CancellationToken, Task<bool>> ReadAsync) Table<TRow>(TContext database)
        where TRow : class =>
        (database.Model.FindEntityType(typeof(TRow))?.GetTableName(), cancellationToken => database.Set<TRow>().AnyAsync(cancellationToken));
}
