using System.Runtime.CompilerServices;
using Credentials.ApiKeys;
using Credentials.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// <see cref="IApiKeyStore"/> on the host's <typeparamref name="TContext"/>. Every method is one statement (a reading
/// method adds one indexed read of the row it changed); uniqueness of hash, previous hash and uuid is the database's.
/// </summary>
internal sealed class EntityFrameworkApiKeyStore<TContext>(CredentialsDatabase<TContext> database) : IApiKeyStore
    where TContext : DbContext
{
    // Verification: one no-tracking query over the two unique hash indexes, compiled once per context type.
    private readonly CompiledLookup<TContext, byte[], ApiKeyRow> _byHash = new((context, hash, _) =>
        context.Set<ApiKeyRow>().AsNoTracking().FirstOrDefault(k => k.Hash == hash || k.PreviousHash == hash));

    private readonly CompiledLookup<TContext, Guid, ApiKeyRow> _byUuid = new((context, uuid, _) =>
        context.Set<ApiKeyRow>().AsNoTracking().FirstOrDefault(k => k.Uuid == uuid));

    public async ValueTask<ApiKey> CreateAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = ApiKeyRow.From(key);
        await database.RunAsync("ApiKeys.Create", async (context, ct) =>
        {
            context.Add(row);
            return await context.SaveChangesAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return key with { Id = row.Id };
    }

    public async ValueTask<ApiKey?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        var bytes = hash.ToArray();
        var row = await database.RunAsync("ApiKeys.FindByHash", (context, ct) => _byHash.RunAsync(context, bytes, ct), cancellationToken)
            .ConfigureAwait(false);
        return row?.ToApiKey();
    }

    public async ValueTask<ApiKey?> FindByUuidAsync(Guid uuid, CancellationToken cancellationToken)
    {
        var row = await database.RunAsync("ApiKeys.FindByUuid", (context, ct) => _byUuid.RunAsync(context, uuid, ct), cancellationToken)
            .ConfigureAwait(false);
        return row?.ToApiKey();
    }

    public async IAsyncEnumerable<ApiKey> ListByOwnerAsync(string ownerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerId);

        // Read into a list inside the operation, so a database fault is reported like every other and no connection
        // stays open while the caller enumerates. An owner holds a handful of keys.
        var rows = await database.RunAsync("ApiKeys.ListByOwner", (context, ct) =>
                context.Set<ApiKeyRow>().AsNoTracking()
                    .Where(k => k.OwnerId == ownerId)
                    .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
                    .ToListAsync(ct),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            yield return row.ToApiKey();
        }
    }

    public async ValueTask<ApiKey?> SetActiveAsync(Guid uuid, bool isActive, CancellationToken cancellationToken)
    {
        var row = await database.RunAsync("ApiKeys.SetActive", async (context, ct) =>
        {
            var updated = await context.Set<ApiKeyRow>().Where(k => k.Uuid == uuid)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.IsActive, isActive), ct).ConfigureAwait(false);
            return updated == 0 ? null : await _byUuid.RunAsync(context, uuid, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return row?.ToApiKey();
    }

    public async ValueTask<ApiKey?> RollAsync(
        Guid uuid, SecretHash expectedHash, SecretHash newHash, string? newPepperId, string newHint, DateTimeOffset? previousExpiresAt, CancellationToken cancellationToken)
    {
        var expected = expectedHash.ToArray();
        var bytes = newHash.ToArray();
        var row = await database.RunAsync("ApiKeys.Roll", async (context, ct) =>
        {
            // One conditional UPDATE: it matches only while the key is active and still has the secret the caller read,
            // so a deactivate or another roll committed a moment earlier wins. SQL evaluates every right-hand side
            // against the row before the update, so the current hash moves to the previous columns in the same step.
            var updated = await context.Set<ApiKeyRow>().Where(k => k.Uuid == uuid && k.IsActive && k.Hash == expected).ExecuteUpdateAsync(set =>
            {
                if (previousExpiresAt is null)
                {
                    set.SetProperty(k => k.PreviousHash, (byte[]?)null)
                        .SetProperty(k => k.PreviousPepperId, (string?)null)
                        .SetProperty(k => k.PreviousHashExpiresAt, (DateTimeOffset?)null);
                }
                else
                {
                    set.SetProperty(k => k.PreviousHash, k => k.Hash)
                        .SetProperty(k => k.PreviousPepperId, k => k.PepperId)
                        .SetProperty(k => k.PreviousHashExpiresAt, previousExpiresAt);
                }

                set.SetProperty(k => k.Hash, bytes).SetProperty(k => k.PepperId, newPepperId).SetProperty(k => k.Hint, newHint);
            }, ct).ConfigureAwait(false);
            return updated == 0 ? null : await _byUuid.RunAsync(context, uuid, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return row?.ToApiKey();
    }

    public async ValueTask RecordLastUsedAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        await database.RunAsync("ApiKeys.RecordLastUsed", (context, ct) =>
                context.Set<ApiKeyRow>()
                    .Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt < usedAt))
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, usedAt), ct),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> SpendCreditsAsync(Guid uuid, long cost, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowTicks = now.UtcTicks;

        // One conditional UPDATE, never read-modify-write: the database re-checks the condition on the row it locks, so
        // concurrent spenders never take more than the key holds. A due refill is folded into the same statement: every
        // right-hand side sees the row as it was, so "due" means the same in the condition and in both assignments.
        var updated = await database.RunAsync("ApiKeys.SpendCredits", (context, ct) =>
            context.Set<ApiKeyRow>()
                .Where(k => k.Uuid == uuid && k.CreditsRemaining != null
                    && (k.CreditsRefillIntervalTicks != null && k.CreditsRefillAmount != null && k.CreditsRefilledAtTicks + k.CreditsRefillIntervalTicks <= nowTicks
                        ? k.CreditsRefillAmount
                        : k.CreditsRemaining) >= cost)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(
                        k => k.CreditsRemaining,
                        k => (k.CreditsRefillIntervalTicks != null && k.CreditsRefillAmount != null && k.CreditsRefilledAtTicks + k.CreditsRefillIntervalTicks <= nowTicks
                            ? k.CreditsRefillAmount
                            : k.CreditsRemaining) - cost)
                    .SetProperty(
                        k => k.CreditsRefilledAtTicks,
                        k => k.CreditsRefillIntervalTicks != null && k.CreditsRefillAmount != null && k.CreditsRefilledAtTicks + k.CreditsRefillIntervalTicks <= nowTicks
                            ? k.CreditsRefilledAtTicks + ((nowTicks - k.CreditsRefilledAtTicks) / k.CreditsRefillIntervalTicks * k.CreditsRefillIntervalTicks)
                            : k.CreditsRefilledAtTicks),
                    ct),
            cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    public async ValueTask<ApiKey?> UpdateMeteringAsync(
        Guid uuid, IReadOnlyList<ApiKeyRateLimit>? rateLimits, bool replaceCredits, ApiKeyCredits? credits, CancellationToken cancellationToken)
    {
        if (rateLimits is null && !replaceCredits)
        {
            return await FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false);
        }

        var storedLimits = rateLimits is null ? null : ApiKeyRow.StoredRateLimits(rateLimits);
        var remaining = credits?.Remaining;
        var refillAmount = credits?.Refill?.Amount;
        var refillIntervalTicks = credits?.Refill?.Interval.Ticks;
        var refilledAtTicks = credits?.RefilledAt?.UtcTicks;
        var row = await database.RunAsync("ApiKeys.UpdateMetering", async (context, ct) =>
        {
            // One UPDATE of only the columns asked for: a change of limits alone leaves the credits to concurrent spends.
            var updated = await context.Set<ApiKeyRow>().Where(k => k.Uuid == uuid).ExecuteUpdateAsync(set =>
            {
                if (rateLimits is not null)
                {
                    set.SetProperty(k => k.RateLimits, storedLimits);
                }

                if (replaceCredits)
                {
                    set.SetProperty(k => k.CreditsRemaining, remaining)
                        .SetProperty(k => k.CreditsRefillAmount, refillAmount)
                        .SetProperty(k => k.CreditsRefillIntervalTicks, refillIntervalTicks)
                        .SetProperty(k => k.CreditsRefilledAtTicks, refilledAtTicks);
                }
            }, ct).ConfigureAwait(false);
            return updated == 0 ? null : await _byUuid.RunAsync(context, uuid, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return row?.ToApiKey();
    }

    public async ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken) =>
        await database.RunAsync("ApiKeys.Delete", (context, ct) =>
                context.Set<ApiKeyRow>().Where(k => k.Uuid == uuid).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false) > 0;

    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset expiredAtOrBefore, CancellationToken cancellationToken) =>
        await database.RunAsync("ApiKeys.PurgeExpired", (context, ct) =>
                context.Set<ApiKeyRow>().Where(k => k.ExpiresAt != null && k.ExpiresAt <= expiredAtOrBefore).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false);
}
