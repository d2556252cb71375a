using System.Data;
using System.Data.Common;
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
    private readonly CompiledLookup<TContext, byte[], WebTokenRow> _byHash = new((context, hash, _) =>
        context.Set<WebTokenRow>().AsNoTracking().FirstOrDefault(t => t.Hash == hash));

    // Providers whose SQL has INSERT ... ON CONFLICT ... DO UPDATE with the excluded pseudo-table.
    private static readonly HashSet<string> UpsertProviders = new(StringComparer.Ordinal)
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL",
        "Microsoft.EntityFrameworkCore.Sqlite",
    };

    // The upsert text for the last model seen, replaced as a whole (see CompiledLookup).
    private Tuple<IModel, string>? _upsert;

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
        var row = await database.RunAsync("WebTokens.FindByHash", (context, ct) => _byHash.RunAsync(context, bytes, ct), cancellationToken)
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
        var upsert = _upsert;
        if (upsert is null || !ReferenceEquals(upsert.Item1, context.Model))
        {
            upsert = Tuple.Create(context.Model, BuildUpsertSql(context));
            _upsert = upsert;
        }

        // Typed parameters: a null pepper id has no CLR type for EF Core to map, and the instants go in as UTC ticks
        // exactly as the model's converter writes them.
        using var command = context.Database.GetDbConnection().CreateCommand();
        object[] parameters =
        [
            Parameter(command, "subject", DbType.String, row.Subject),
            Parameter(command, "hash", DbType.Binary, row.Hash),
            Parameter(command, "pepper_id", DbType.String, row.PepperId),
            Parameter(command, "issued_at", DbType.Int64, row.IssuedAt.UtcTicks),
            Parameter(command, "expires_at", DbType.Int64, row.ExpiresAt.UtcTicks),
        ];
        return await context.Database.ExecuteSqlRawAsync(upsert.Item2, parameters, cancellationToken).ConfigureAwait(false);
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
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
