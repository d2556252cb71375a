using System.Data;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// <see cref="IWebTokenStore"/> on the host's <typeparamref name="TContext"/>. The subject is the table's primary key,
/// so the database holds every subject to one row across processes; a replacement is one upsert statement
/// (<c>INSERT ... ON CONFLICT (subject) DO UPDATE</c>) on PostgreSQL and SQLite, and one serializable
/// delete-and-insert transaction elsewhere. Either way there is no read-modify-write window, and a conflict is
/// retried a bounded number of times.
/// </summary>
internal sealed class EntityFrameworkWebTokenStore<TContext>(CredentialsDatabase<TContext> database) : IWebTokenStore
    where TContext : DbContext
{
    private static readonly Func<TContext, byte[], CancellationToken, Task<WebTokenRow?>> ByHash =
        EF.CompileAsyncQuery((TContext context, byte[] hash, CancellationToken _) =>
            context.Set<WebTokenRow>().AsNoTracking().FirstOrDefault(t => t.Hash == hash));

    // Providers whose SQL has INSERT ... ON CONFLICT ... DO UPDATE with the excluded pseudo-table.
    private static readonly HashSet<string> UpsertProviders = new(StringComparer.Ordinal)
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL",
        "Microsoft.EntityFrameworkCore.Sqlite",
    };

    private string? _upsertSql;

    /// <summary>False forces the transactional path on every provider (tests use it to cover that path on SQLite).</summary>
    internal bool UseUpsert { get; init; } = true;

    public async ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var row = WebTokenRow.From(token);
        await database.RunWithRetryAsync("WebTokens.Replace", (context, ct) =>
                UseUpsert && context.Database.ProviderName is { } provider && UpsertProviders.Contains(provider)
                    ? UpsertAsync(context, row, ct)
                    : DeleteAndInsertAsync(context, row, ct),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        var bytes = hash.ToArray();
        var row = await database.RunAsync("WebTokens.FindByHash", (context, ct) => ByHash(context, bytes, ct), cancellationToken)
            .ConfigureAwait(false);
        return row?.ToWebToken();
    }

    public async ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return await database.RunAsync("WebTokens.Revoke", (context, ct) =>
                context.Set<WebTokenRow>().Where(t => t.Subject == subject).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false) > 0;
    }

    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.RunAsync("WebTokens.PurgeExpired", (context, ct) =>
                context.Set<WebTokenRow>().Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false);

    private async Task<int> UpsertAsync(TContext context, WebTokenRow row, CancellationToken cancellationToken)
    {
        _upsertSql ??= BuildUpsertSql(context);
        return await context.Database.ExecuteSqlRawAsync(
            _upsertSql,
            [row.Subject, row.Hash, (object?)row.PepperId ?? DBNull.Value, row.IssuedAt.UtcTicks, row.ExpiresAt.UtcTicks],
            cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> DeleteAndInsertAsync(TContext context, WebTokenRow row, CancellationToken cancellationToken) =>
        context.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            var transaction = await context.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await context.Set<WebTokenRow>().Where(t => t.Subject == row.Subject).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                context.Add(row);
                var written = await context.SaveChangesAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return written;
            }
        }, cancellationToken);

    /// <summary>The upsert in the names the host's model gives the table and columns (configurable, so read, not assumed).</summary>
    private static string BuildUpsertSql(TContext context)
    {
        var entity = context.Model.FindEntityType(typeof(WebTokenRow))!;
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

        var subject = Column(nameof(WebTokenRow.Subject));
        string[] updated = [Column(nameof(WebTokenRow.Hash)), Column(nameof(WebTokenRow.PepperId)),
            Column(nameof(WebTokenRow.IssuedAt)), Column(nameof(WebTokenRow.ExpiresAt))];
        return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({subject}, {string.Join(", ", updated)}) " +
               "VALUES ({0}, {1}, {2}, {3}, {4}) " +
               $"ON CONFLICT ({subject}) DO UPDATE SET {string.Join(", ", updated.Select(c => $"{c} = excluded.{c}"))}";
    }
}
