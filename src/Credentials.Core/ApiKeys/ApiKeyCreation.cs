using Credentials.Diagnostics;
using Credentials.Secrets;
using Microsoft.Extensions.Logging;

namespace Credentials.ApiKeys;

/// <summary>
/// Creates keys: who may create (the create permissions; never a web token or a grace secret), for whom, with what
/// (nothing its owner or its creator lacks) and for how long (never beyond a creating key's own expiry).
/// </summary>
internal sealed class ApiKeyCreation(
    IApiKeyStore store,
    ApiKeyFormat format,
    ApiKeyRequestValidator validator,
    SecretHasher hasher,
    ISecretRandom random,
    TimeProvider time,
    CredentialsMetrics metrics,
    ApiKeyOwnerCeiling ceiling,
    ILogger logger)
{
    public async ValueTask<ApiKeyCreateResult> CreateAsync(ApiKeyCreateRequest request, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        using var activity = CredentialsTracing.Start("credentials.issue", CredentialKind.ApiKey);

        var current = ApiKeyManagementRule.MayActOnKeys(actor) ? await ceiling.CurrentAsync(actor, cancellationToken).ConfigureAwait(false) : null;
        if (current is null || OwnerFor(request, current) is not { } ownerId)
        {
            ApiKeyLog.CreateForbidden(logger, actor.UserId, actor.Kind);
            return ApiKeyCreateResult.Forbidden;
        }

        var now = time.GetUtcNow();
        var validated = validator.Validate(request, ownerId, now);
        if (validated.Errors is { } errors)
        {
            return ApiKeyCreateResult.Invalid(errors);
        }

        // A key that expires may not mint one that outlives it: the child inherits its expiry and may not exceed it.
        var expiresAt = request.ExpiresAt;
        if (current.Key?.Key?.ExpiresAt is { } parentExpiry)
        {
            if (expiresAt > parentExpiry)
            {
                return ApiKeyCreateResult.Invalid(Errors(ApiKeyRequestValidator.ExpiresAtField, "The expires at field must be a date no later than the expiry of the key creating it."));
            }

            expiresAt ??= parentExpiry;
        }

        if (await UngrantableAsync(validated.Permissions, ownerId, current, cancellationToken).ConfigureAwait(false) is { } grantErrors)
        {
            ApiKeyLog.CreateBeyondGrant(logger, current.UserId, ownerId);
            return ApiKeyCreateResult.Invalid(grantErrors);
        }

        var plainKey = format.Render(random);
        var record = new ApiKey
        {
            Uuid = Guid.NewGuid(),
            Name = validated.Name!,
            Prefix = format.Prefix,
            Hint = ApiKeyFormat.HintOf(plainKey),
            OwnerId = ownerId,
            ExpiresAt = expiresAt,
            IsActive = request.IsActive,
            Permissions = validated.Permissions,
            MetadataJson = request.MetadataJson,
            RateLimits = validated.RateLimits,
            Credits = validated.Credits,
            CreatedAt = now,
            Hash = hasher.Hash(plainKey),
            PepperId = hasher.CurrentPepperId,
        };

        // A store fault throws out of here; the plain key dies with this frame, never half-issued.
        var stored = await store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        metrics.Issued(CredentialKind.ApiKey);
        ApiKeyLog.Created(logger, stored.Uuid, stored.OwnerId);
        return ApiKeyCreateResult.Success(stored, plainKey);
    }

    /// <summary>
    /// The key's owner, or null when the actor may not create it: <c>api.keys.create</c> may name any owner (default
    /// itself); <c>api.keys.create.own</c> always owns the key, whatever the request names (as the API-key creation API says).
    /// </summary>
    private static string? OwnerFor(ApiKeyCreateRequest request, ApiKeyActor actor)
    {
        if (ApiKeyPermissions.Covers(actor.Permissions, ApiKeyPermissions.Create))
        {
            return request.OwnerId ?? actor.UserId;
        }

        return ApiKeyPermissions.Covers(actor.Permissions, ApiKeyPermissions.CreateOwn) ? actor.UserId : null;
    }

    /// <summary>
    /// The 422 errors when the requested permissions reach past what may be granted, else null. A key's permissions
    /// become the grant of whoever presents it, so none may exceed its creator's (nobody delegates what it lacks), and
    /// under the owner ceiling none may exceed its owner's either (the key acts as its owner). Without the ceiling, key
    /// scopes are the host's own namespace and only the key-management permissions are bounded by the creator's.
    /// </summary>
    private async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<string>>?> UngrantableAsync(
        string[] requested, string ownerId, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        IEnumerable<string> bounded = ceiling.IsOn ? requested : requested.Where(IsKeyManagementPermission);
        var beyond = ApiKeyPermissions.Uncovered(actor.Permissions, bounded).ToList();
        if (ceiling.IsOn)
        {
            if (await ceiling.OwnerPermissionsAsync(ownerId, cancellationToken).ConfigureAwait(false) is not { } ownerHolds)
            {
                return Errors(ApiKeyRequestValidator.OwnerField, "The selected user id is invalid.");
            }

            beyond = [.. beyond.Union(ApiKeyPermissions.Uncovered(ownerHolds, requested), StringComparer.Ordinal)];
        }

        return beyond.Count == 0
            ? null
            : Errors(ApiKeyRequestValidator.PermissionsField, $"The permissions field may only hold permissions that both the key's owner and its creator hold; not held: {string.Join(", ", beyond)}.");
    }

    private static bool IsKeyManagementPermission(string permission) =>
        permission is ApiKeyPermissions.Create or ApiKeyPermissions.CreateOwn or ApiKeyPermissions.Manage or ApiKeyPermissions.ManageOwn;

    private static Dictionary<string, IReadOnlyList<string>> Errors(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };
}
