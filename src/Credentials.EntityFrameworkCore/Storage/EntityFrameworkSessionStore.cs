using Credentials.Secrets;
using Credentials.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// <see cref="ISessionStore"/> on the host's <typeparamref name="TContext"/>. Ending is one conditional
/// <c>UPDATE … WHERE ended_at IS NULL</c>; a rotation is one conditional <c>UPDATE … WHERE refresh_token_hash = @current
/// AND ended_at IS NULL</c> and the new hash's index row, in one transaction, so of two refreshes with one token only one
/// changes the row. Purge is two set-based deletes by expiry.
/// </summary>
internal sealed class EntityFrameworkSessionStore<TContext>(CredentialsDatabase<TContext> database) : ISessionStore
    where TContext : DbContext
{
    private readonly CompiledLookup<TContext, string, SessionRow> _byId = new((context, id, _) =>
        context.Set<SessionRow>().AsNoTracking().FirstOrDefault(s => s.Id == id));

    private readonly CompiledLookup<TContext, byte[], SessionRow> _byRefreshToken = new((context, hash, _) =>
        context.Set<SessionRefreshTokenRow>().AsNoTracking().Where(r => r.Hash == hash)
            .Join(context.Set<SessionRow>().AsNoTracking(), r => r.SessionId, s => s.Id, (_, s) => s)
            .FirstOrDefault());

    public async ValueTask CreateAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await database.RunAsync("Sessions.Create", (context, ct) =>
        {
            context.Add(SessionRow.From(session));
            if (session.RefreshTokenHash is { } hash)
            {
                context.Add(new SessionRefreshTokenRow { Hash = hash.ToArray(), SessionId = session.Id, ExpiresAt = session.ExpiresAt });
            }

            return context.SaveChangesAsync(ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Session?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var row = await database.RunAsync("Sessions.Find", (context, ct) => _byId.RunAsync(context, sessionId, ct), cancellationToken).ConfigureAwait(false);
        return row?.ToSession();
    }

    public async ValueTask<Session?> FindByRefreshTokenAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        var bytes = hash.ToArray();
        var row = await database.RunAsync("Sessions.FindByRefreshToken", (context, ct) => _byRefreshToken.RunAsync(context, bytes, ct), cancellationToken)
            .ConfigureAwait(false);
        return row?.ToSession();
    }

    public async ValueTask<bool> RotateRefreshTokenAsync(
        string sessionId, SecretHash current, SecretHash replacement, string? replacementPepperId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        byte[] currentBytes = current.ToArray(), replacementBytes = replacement.ToArray();
        return await database.RunWithRetryAsync("Sessions.RotateRefreshToken", (context, ct) =>
            context.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                var transaction = await context.Database.BeginTransactionAsync(token).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var changed = await context.Set<SessionRow>()
                        .Where(s => s.Id == sessionId && s.EndedAt == null && s.RefreshTokenHash == currentBytes)
                        .ExecuteUpdateAsync(set => set
                            .SetProperty(s => s.RefreshTokenHash, replacementBytes)
                            .SetProperty(s => s.RefreshTokenPepperId, replacementPepperId), token).ConfigureAwait(false);
                    if (changed == 0)
                    {
                        return false;
                    }

                    var expiresAt = await context.Set<SessionRow>().Where(s => s.Id == sessionId).Select(s => s.ExpiresAt).FirstAsync(token).ConfigureAwait(false);
                    context.Add(new SessionRefreshTokenRow { Hash = replacementBytes, SessionId = sessionId, ExpiresAt = expiresAt });
                    await context.SaveChangesAsync(token).ConfigureAwait(false);
                    await transaction.CommitAsync(token).ConfigureAwait(false);
                    return true;
                }
            }, ct),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> EndAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return await database.RunAsync("Sessions.End", (context, ct) =>
                context.Set<SessionRow>().Where(s => s.Id == sessionId && s.EndedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, endedAt), ct),
            cancellationToken).ConfigureAwait(false) > 0;
    }

    public async ValueTask<int> EndAllAsync(string userId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return await database.RunAsync("Sessions.EndAll", (context, ct) =>
                context.Set<SessionRow>().Where(s => s.UserId == userId && s.EndedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, endedAt), ct),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        await database.RunAsync("Sessions.PurgeExpired", async (context, ct) =>
        {
            // Index rows first: a crash between the two leaves sessions that a later purge removes, never orphans that find nothing.
            await context.Set<SessionRefreshTokenRow>().Where(r => r.ExpiresAt <= cutoff).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            return await context.Set<SessionRow>().Where(s => s.ExpiresAt <= cutoff).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
}
