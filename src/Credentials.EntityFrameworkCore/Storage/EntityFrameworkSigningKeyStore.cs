using Credentials.Jwt;
using Microsoft.EntityFrameworkCore;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// <see cref="ISigningKeyStore"/> on the host's <typeparamref name="TContext"/>. The generation is the primary key and
/// the <c>kid</c> is unique, so the database arbitrates between instances adding the same generation: one insert
/// commits, the others meet the key and answer false.
/// </summary>
internal sealed class EntityFrameworkSigningKeyStore<TContext>(CredentialsDatabase<TContext> database) : ISigningKeyStore
    where TContext : DbContext
{
    public async ValueTask<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await database.RunAsync("SigningKeys.List", (context, ct) =>
                context.Set<SigningKeyRow>().AsNoTracking().OrderBy(k => k.Generation).ToListAsync(ct),
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStoredSigningKey())];
    }

    public async ValueTask<bool> TryAddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = SigningKeyRow.From(key);
        return await database.RunWithRetryAsync("SigningKeys.TryAdd", async (context, ct) =>
        {
            context.Add(row);
            try
            {
                await context.SaveChangesAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException) when (!ct.IsCancellationRequested)
            {
                // Another instance's insert of this generation committed first: the outcome the contract names, not a
                // fault. Anything else (the table is missing, the database is down) is still thrown.
                if (await TakenAsync(context, row, ct).ConfigureAwait(false))
                {
                    return false;
                }

                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> DeleteAsync(long generation, CancellationToken cancellationToken) =>
        await database.RunAsync("SigningKeys.Delete", (context, ct) =>
                context.Set<SigningKeyRow>().Where(k => k.Generation == generation).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Whether the row's generation or <c>kid</c> is in the table: read after a refused insert, so any other fault still surfaces.</summary>
    private static Task<bool> TakenAsync(TContext context, SigningKeyRow row, CancellationToken cancellationToken) =>
        context.Set<SigningKeyRow>().AsNoTracking().AnyAsync(k => k.Generation == row.Generation || k.KeyId == row.KeyId, cancellationToken);
}
