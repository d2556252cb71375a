using Credentials.Diagnostics;
using Credentials.Secrets;
using Microsoft.Extensions.Logging;

namespace Credentials.ApiKeys;

/// <summary>
/// Lists, finds, activates, deactivates, rolls, re-meters and deletes keys for an actor, always through
/// <see cref="ApiKeyManagementRule"/>; every change that should end a key's web token ends it, and every change
/// is announced through <see cref="ApiKeyVerificationCache.KeyChangedAsync"/>, so no cache on any instance keeps the old record.
/// Reads the store itself, never the cache: a decision to change a key must see the key as it is.
/// </summary>
internal sealed class ApiKeyManagement(
    IApiKeyStore store,
    ApiKeyFormat format,
    SecretHasher hasher,
    ISecretRandom random,
    TimeProvider time,
    ApiKeyOptions options,
    ApiKeyOwnerCeiling ceiling,
    ApiKeyWebTokens webTokens,
    ApiKeyVerificationCache cache,
    ILogger logger)
{
    public async ValueTask<ApiKeyListResult> ListAsync(ApiKeyActor actor, CancellationToken cancellationToken)
    {
        if (await ManagerAsync(actor, "list", cancellationToken).ConfigureAwait(false) is not { } manager)
        {
            return ApiKeyListResult.Failed(ApiKeyManagementFailure.Forbidden);
        }

        var keys = new List<ApiKey>();
        await foreach (var key in store.ListByOwnerAsync(manager.UserId, cancellationToken).ConfigureAwait(false))
        {
            if (ApiKeyManagementRule.MaySee(manager, key))
            {
                keys.Add(key);
            }
        }

        return ApiKeyListResult.Success(keys);
    }

    public async ValueTask<ApiKeyManagementResult> FindAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        var (key, refusal) = await FindManageableAsync(uuid, actor, "find", cancellationToken).ConfigureAwait(false);
        return refusal ?? ApiKeyManagementResult.Success(key!);
    }

    public async ValueTask<ApiKeyManagementResult> SetActiveAsync(Guid uuid, bool isActive, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        var (_, refusal) = await FindManageableAsync(uuid, actor, isActive ? "activate" : "deactivate", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var updated = await store.SetActiveAsync(uuid, isActive, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return ApiKeyManagementResult.Failed(ApiKeyManagementFailure.NotFound);
        }

        await cache.KeyChangedAsync(uuid).ConfigureAwait(false);
        if (!isActive)
        {
            await webTokens.EndAsync(uuid).ConfigureAwait(false);
        }

        ApiKeyLog.ActiveChanged(logger, uuid, isActive ? "active" : "inactive");
        return ApiKeyManagementResult.Success(updated);
    }

    public async ValueTask<ApiKeyMeteringResult> UpdateMeteringAsync(Guid uuid, ApiKeyMeteringRequest request, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, refusal) = await FindManageableAsync(uuid, actor, "meter", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return ApiKeyMeteringResult.Failed(refusal.Failure == ApiKeyManagementFailure.Forbidden ? ApiKeyMeteringFailure.Forbidden : ApiKeyMeteringFailure.NotFound);
        }

        var validated = ApiKeyRequestValidator.ValidateMetering(request, time.GetUtcNow());
        if (validated.Errors is { } errors)
        {
            return ApiKeyMeteringResult.Invalid(errors);
        }

        var replaceCredits = request.Credits is not null || request.RemoveCredits;
        var updated = await store.UpdateMeteringAsync(uuid, validated.RateLimits, replaceCredits, validated.Credits, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return ApiKeyMeteringResult.Failed(ApiKeyMeteringFailure.NotFound);
        }

        await cache.KeyChangedAsync(uuid).ConfigureAwait(false);
        ApiKeyLog.MeteringChanged(logger, uuid, updated.RateLimits.Count, updated.Credits is not null);
        return ApiKeyMeteringResult.Success(updated);
    }

    public async ValueTask<ApiKeyManagementResult> DeleteAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        var (key, refusal) = await FindManageableAsync(uuid, actor, "delete", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await store.DeleteAsync(uuid, cancellationToken).ConfigureAwait(false))
        {
            return ApiKeyManagementResult.Failed(ApiKeyManagementFailure.NotFound);
        }

        await cache.KeyChangedAsync(uuid).ConfigureAwait(false);
        await webTokens.EndAsync(uuid).ConfigureAwait(false);
        ApiKeyLog.Deleted(logger, uuid);
        return ApiKeyManagementResult.Success(key!);
    }

    public async ValueTask<ApiKeyRollResult> RollAsync(Guid uuid, TimeSpan gracePeriod, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        if (await ManagerAsync(actor, "roll", cancellationToken).ConfigureAwait(false) is not { } manager)
        {
            return ApiKeyRollResult.Failed(ApiKeyRollFailure.Forbidden);
        }

        if (gracePeriod < TimeSpan.Zero || gracePeriod > options.MaxRollGracePeriod)
        {
            return ApiKeyRollResult.Failed(ApiKeyRollFailure.InvalidGracePeriod);
        }

        if (await FindForAsync(uuid, manager, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return ApiKeyRollResult.Failed(ApiKeyRollFailure.NotFound);
        }

        var now = time.GetUtcNow();
        if (!current.IsActive)
        {
            return ApiKeyRollResult.Failed(ApiKeyRollFailure.Inactive);
        }

        if (current.ExpiresAt <= now)
        {
            return ApiKeyRollResult.Failed(ApiKeyRollFailure.Expired);
        }

        var plainKey = format.Render(random);
        DateTimeOffset? previousExpiresAt = gracePeriod > TimeSpan.Zero ? now + gracePeriod : null;
        var rolled = await store.RollAsync(
                uuid, current.Hash, hasher.Hash(plainKey), hasher.CurrentPepperId, ApiKeyFormat.HintOf(plainKey), previousExpiresAt, cancellationToken)
            .ConfigureAwait(false);
        if (rolled is null)
        {
            // The conditional roll found the key deleted, deactivated or rolled since it was read: nothing changed.
            var latest = await store.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false);
            return ApiKeyRollResult.Failed(latest is null ? ApiKeyRollFailure.NotFound : latest.IsActive ? ApiKeyRollFailure.Conflict : ApiKeyRollFailure.Inactive);
        }

        await cache.KeyChangedAsync(uuid).ConfigureAwait(false);
        await webTokens.EndAsync(uuid).ConfigureAwait(false);
        ApiKeyLog.Rolled(logger, uuid, previousExpiresAt);
        return ApiKeyRollResult.Success(rolled, plainKey);
    }

    /// <summary>The key when the actor may manage it; otherwise the refusal (forbidden for an actor that manages nothing, else not found).</summary>
    private async ValueTask<(ApiKey? Key, ApiKeyManagementResult? Refusal)> FindManageableAsync(
        Guid uuid, ApiKeyActor actor, string action, CancellationToken cancellationToken)
    {
        if (await ManagerAsync(actor, action, cancellationToken).ConfigureAwait(false) is not { } manager)
        {
            return (null, ApiKeyManagementResult.Failed(ApiKeyManagementFailure.Forbidden));
        }

        var key = await FindForAsync(uuid, manager, cancellationToken).ConfigureAwait(false);
        return key is null ? (null, ApiKeyManagementResult.Failed(ApiKeyManagementFailure.NotFound)) : (key, null);
    }

    /// <summary>The key, if <paramref name="manager"/> may manage it; keys out of its reach look absent, so their existence is not revealed.</summary>
    private async ValueTask<ApiKey?> FindForAsync(Guid uuid, ApiKeyActor manager, CancellationToken cancellationToken)
    {
        var key = await store.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false);
        return key is not null && ApiKeyManagementRule.MayManage(manager, key) ? key : null;
    }

    /// <summary>The actor as it stands now if it may manage keys at all; null (and a log line) when it may not.</summary>
    private async ValueTask<ApiKeyActor?> ManagerAsync(ApiKeyActor actor, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = ApiKeyManagementRule.MayManageAny(actor) ? await ceiling.CurrentAsync(actor, cancellationToken).ConfigureAwait(false) : null;
        if (current is null)
        {
            ApiKeyLog.ManagementForbidden(logger, actor.Kind, action);
        }

        return current;
    }
}
