using Credentials.Diagnostics;
using Credentials.Secrets;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

/// <summary>
/// The default <see cref="IApiKeyService"/>. Scoped, like the store it may use (EF Core); the state that must outlive
/// a request (the format, the hasher, the last-used throttle) lives in singletons.
/// </summary>
internal sealed class ApiKeyService : IApiKeyService
{
    private const string MalformedReason = "malformed";
    private const string UnknownReason = "unknown";
    private const string InactiveReason = "inactive";
    private const string ExpiredReason = "expired";
    private const string OwnerUnavailableReason = "owner_unavailable";

    private readonly IApiKeyStore _store;
    private readonly ApiKeyFormat _format;
    private readonly ApiKeyRequestValidator _validator;
    private readonly SecretHasher _hasher;
    private readonly ISecretRandom _random;
    private readonly TimeProvider _time;
    private readonly ApiKeyUsageRecorder _usage;
    private readonly CredentialsMetrics _metrics;
    private readonly IWebTokenService _webTokens;
    private readonly IUserDirectory _owners;
    private readonly ApiKeyOptions _options;
    private readonly ILogger _logger;

    public ApiKeyService(
        IApiKeyStore store,
        ApiKeyFormat format,
        SecretHasher hasher,
        ISecretRandom random,
        TimeProvider time,
        ApiKeyUsageRecorder usage,
        CredentialsMetrics metrics,
        IWebTokenService webTokens,
        IUserDirectory owners,
        IOptions<CredentialsOptions> options,
        ILogger<ApiKeyService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _format = format;
        _options = options.Value.ApiKeys;
        _validator = new ApiKeyRequestValidator(_options);
        _hasher = hasher;
        _random = random;
        _time = time;
        _usage = usage;
        _metrics = metrics;
        _webTokens = webTokens;
        _owners = owners;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    private bool OwnerCeiling => _options.PermissionCeiling == ApiKeyPermissionCeiling.OwnerPermissions;

    public async ValueTask<ApiKeyCreateResult> CreateAsync(ApiKeyCreateRequest request, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);

        // A web token or a grace secret never creates keys: it would outlive, or reach past, what it was given.
        var mayAct = actor.Kind == ApiKeyActorKind.User || actor.IsCurrentKeySecret;
        var current = mayAct ? await CurrentAsync(actor, cancellationToken).ConfigureAwait(false) : null;
        if (current is null || OwnerFor(request, current) is not { } ownerId)
        {
            ApiKeyLog.CreateForbidden(_logger, actor.UserId, actor.Kind);
            return ApiKeyCreateResult.Forbidden;
        }

        actor = current;
        var now = _time.GetUtcNow();
        var validated = _validator.Validate(request, ownerId, now);
        if (validated.Errors is { } errors)
        {
            return ApiKeyCreateResult.Invalid(errors);
        }

        // A key that expires may not mint one that outlives it: the child inherits its expiry and may not exceed it.
        var expiresAt = request.ExpiresAt;
        if (actor.Key?.Key?.ExpiresAt is { } parentExpiry)
        {
            if (expiresAt > parentExpiry)
            {
                return ApiKeyCreateResult.Invalid(Errors(ApiKeyRequestValidator.ExpiresAtField, "The expires at field must be a date no later than the expiry of the key creating it."));
            }

            expiresAt ??= parentExpiry;
        }

        if (await UngrantableAsync(validated.Permissions, ownerId, actor, cancellationToken).ConfigureAwait(false) is { } grantErrors)
        {
            ApiKeyLog.CreateBeyondGrant(_logger, actor.UserId, ownerId);
            return ApiKeyCreateResult.Invalid(grantErrors);
        }

        var plainKey = _format.Render(_random);
        var record = new ApiKey
        {
            Uuid = Guid.NewGuid(),
            Name = validated.Name!,
            Prefix = _format.Prefix,
            OwnerId = ownerId,
            ExpiresAt = expiresAt,
            IsActive = request.IsActive,
            Permissions = validated.Permissions,
            MetadataJson = request.MetadataJson,
            CreatedAt = now,
            Hash = _hasher.Hash(plainKey),
            PepperId = _hasher.CurrentPepperId,
        };

        // A store fault throws out of here; the plain key dies with this frame, never half-issued.
        var stored = await _store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        _metrics.Issued(CredentialKind.ApiKey);
        ApiKeyLog.Created(_logger, stored.Uuid, stored.OwnerId);
        return ApiKeyCreateResult.Created(stored, plainKey);
    }

    public ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (presentedKey is null || !_format.IsWellFormed(presentedKey))
        {
            return new(Reject(ApiKeyVerificationResult.Malformed, MalformedReason));
        }

        return VerifyWellFormedAsync(presentedKey, cancellationToken);
    }

    public async ValueTask<ApiKeyVerificationResult> VerifyWebTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var validated = await _webTokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (!validated.Succeeded)
        {
            return validated.Rejection switch
            {
                WebTokenRejection.Malformed => ApiKeyVerificationResult.Malformed,
                WebTokenRejection.Expired => ApiKeyVerificationResult.Expired,
                _ => ApiKeyVerificationResult.Unknown,
            };
        }

        // Web tokens of other subjects (a host may issue its own) are not keys' tokens.
        var record = Guid.TryParse(validated.Subject, out var uuid) && validated.Subject == WebTokenSubject(uuid)
            ? await _store.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false)
            : null;
        if (record is null)
        {
            return ApiKeyVerificationResult.Unknown;
        }

        var (result, reason) = await DecideAsync(record, ApiKeyPresentation.WebToken, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            ApiKeyLog.WebTokenKeyRefused(_logger, record.Uuid, reason);
        }

        return result;
    }

    public async ValueTask<ApiKeyWebTokenResult> IssueWebTokenAsync(ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsCurrentKeySecret || actor.Key?.Key is not { } presented)
        {
            return ApiKeyWebTokenResult.Forbidden;
        }

        var subject = WebTokenSubject(presented.Uuid);
        var issued = await _webTokens.IssueAsync(subject, cancellationToken).ConfigureAwait(false);

        // A roll or deactivate that committed after this key was verified may have ended the key's token before this
        // one was stored: read the key again, and withdraw the token if its secret is no longer the one presented.
        var current = await _store.FindByUuidAsync(presented.Uuid, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Hash != presented.Hash || !current.IsActive || current.ExpiresAt <= _time.GetUtcNow())
        {
            await _webTokens.RevokeAsync(subject, CancellationToken.None).ConfigureAwait(false);
            ApiKeyLog.WebTokenWithdrawn(_logger, presented.Uuid);
            return ApiKeyWebTokenResult.KeyChanged;
        }

        return ApiKeyWebTokenResult.Issued(issued);
    }

    public async ValueTask<ApiKeyListResult> ListAsync(ApiKeyActor actor, CancellationToken cancellationToken)
    {
        if (await ManagerAsync(actor, "list", cancellationToken).ConfigureAwait(false) is not { } manager)
        {
            return ApiKeyListResult.Forbidden;
        }

        var keys = new List<ApiKey>();
        await foreach (var key in _store.ListByOwnerAsync(manager.UserId, cancellationToken).ConfigureAwait(false))
        {
            if (ApiKeyManagementRule.MaySee(manager, key))
            {
                keys.Add(key);
            }
        }

        return ApiKeyListResult.Listed(keys);
    }

    public async ValueTask<ApiKeyManagementResult> FindAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        var (key, refusal) = await FindManageableAsync(uuid, actor, "find", cancellationToken).ConfigureAwait(false);
        return refusal ?? ApiKeyManagementResult.Done(key!);
    }

    public async ValueTask<ApiKeyManagementResult> SetActiveAsync(Guid uuid, bool isActive, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        var (_, refusal) = await FindManageableAsync(uuid, actor, isActive ? "activate" : "deactivate", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var updated = await _store.SetActiveAsync(uuid, isActive, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return ApiKeyManagementResult.NotFound;
        }

        if (!isActive)
        {
            await EndWebTokenAsync(uuid).ConfigureAwait(false);
        }

        ApiKeyLog.ActiveChanged(_logger, uuid, isActive ? "active" : "inactive");
        return ApiKeyManagementResult.Done(updated);
    }

    public async ValueTask<ApiKeyManagementResult> DeleteAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        var (key, refusal) = await FindManageableAsync(uuid, actor, "delete", cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await _store.DeleteAsync(uuid, cancellationToken).ConfigureAwait(false))
        {
            return ApiKeyManagementResult.NotFound;
        }

        await EndWebTokenAsync(uuid).ConfigureAwait(false);
        ApiKeyLog.Deleted(_logger, uuid);
        return ApiKeyManagementResult.Done(key!);
    }

    public async ValueTask<ApiKeyRollResult> RollAsync(Guid uuid, TimeSpan gracePeriod, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        if (await ManagerAsync(actor, "roll", cancellationToken).ConfigureAwait(false) is not { } manager)
        {
            return ApiKeyRollResult.Forbidden;
        }

        if (gracePeriod < TimeSpan.Zero || gracePeriod > _options.MaxRollGracePeriod)
        {
            return ApiKeyRollResult.InvalidGracePeriod;
        }

        if (await FindForAsync(uuid, manager, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return ApiKeyRollResult.NotFound;
        }

        var now = _time.GetUtcNow();
        if (!current.IsActive)
        {
            return ApiKeyRollResult.Inactive;
        }

        if (current.ExpiresAt <= now)
        {
            return ApiKeyRollResult.Expired;
        }

        var plainKey = _format.Render(_random);
        DateTimeOffset? previousExpiresAt = gracePeriod > TimeSpan.Zero ? now + gracePeriod : null;
        var rolled = await _store.RollAsync(uuid, current.Hash, _hasher.Hash(plainKey), _hasher.CurrentPepperId, previousExpiresAt, cancellationToken)
            .ConfigureAwait(false);
        if (rolled is null)
        {
            // The conditional roll found the key deleted, deactivated or rolled since it was read: nothing changed.
            var latest = await _store.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false);
            return latest is null ? ApiKeyRollResult.NotFound : latest.IsActive ? ApiKeyRollResult.Conflict : ApiKeyRollResult.Inactive;
        }

        await EndWebTokenAsync(uuid).ConfigureAwait(false);
        ApiKeyLog.Rolled(_logger, uuid, previousExpiresAt);
        return ApiKeyRollResult.Rolled(rolled, plainKey);
    }

    /// <summary>The subject of the web token issued to a key: its uuid, so each key has one active token.</summary>
    internal static string WebTokenSubject(Guid uuid) => uuid.ToString("D");

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
        IEnumerable<string> bounded = OwnerCeiling ? requested : requested.Where(IsKeyManagementPermission);
        var beyond = ApiKeyPermissions.Uncovered(actor.Permissions, bounded).ToList();
        if (OwnerCeiling)
        {
            var owner = await _owners.FindByIdAsync(ownerId, cancellationToken).ConfigureAwait(false);
            if (owner is null)
            {
                return Errors(ApiKeyRequestValidator.OwnerField, "The selected user id is invalid.");
            }

            beyond = [.. beyond.Union(ApiKeyPermissions.Uncovered(owner.Permissions, requested), StringComparer.Ordinal)];
        }

        return beyond.Count == 0
            ? null
            : Errors(ApiKeyRequestValidator.PermissionsField, $"The permissions field may only hold permissions that both the key's owner and its creator hold; not held: {string.Join(", ", beyond)}.");
    }

    private static bool IsKeyManagementPermission(string permission) =>
        permission is ApiKeyPermissions.Create or ApiKeyPermissions.CreateOwn or ApiKeyPermissions.Manage or ApiKeyPermissions.ManageOwn;

    private static Dictionary<string, IReadOnlyList<string>> Errors(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };

    /// <summary>The key when the actor may manage it; otherwise the refusal (forbidden for an actor that manages nothing, else not found).</summary>
    private async ValueTask<(ApiKey? Key, ApiKeyManagementResult? Refusal)> FindManageableAsync(
        Guid uuid, ApiKeyActor actor, string action, CancellationToken cancellationToken)
    {
        if (await ManagerAsync(actor, action, cancellationToken).ConfigureAwait(false) is not { } manager)
        {
            return (null, ApiKeyManagementResult.Forbidden);
        }

        var key = await FindForAsync(uuid, manager, cancellationToken).ConfigureAwait(false);
        return key is null ? (null, ApiKeyManagementResult.NotFound) : (key, null);
    }

    /// <summary>The key, if <paramref name="manager"/> may manage it; keys out of its reach look absent, so their existence is not revealed.</summary>
    private async ValueTask<ApiKey?> FindForAsync(Guid uuid, ApiKeyActor manager, CancellationToken cancellationToken)
    {
        var key = await _store.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false);
        return key is not null && ApiKeyManagementRule.MayManage(manager, key) ? key : null;
    }

    /// <summary>The actor as it stands now if it may manage keys at all; null (and a log line) when it may not.</summary>
    private async ValueTask<ApiKeyActor?> ManagerAsync(ApiKeyActor actor, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = ApiKeyManagementRule.MayManageAny(actor) ? await CurrentAsync(actor, cancellationToken).ConfigureAwait(false) : null;
        if (current is null)
        {
            ApiKeyLog.ManagementForbidden(_logger, actor.Kind, action);
        }

        return current;
    }

    /// <summary>
    /// Under the owner ceiling, a user's claimed permissions narrowed to those the directory says it holds now (a login
    /// token may be days old); null when the directory no longer knows the user. A key's grant was narrowed when it was
    /// verified, so key actors pass unchanged.
    /// </summary>
    private async ValueTask<ApiKeyActor?> CurrentAsync(ApiKeyActor actor, CancellationToken cancellationToken)
    {
        if (actor.Kind != ApiKeyActorKind.User || !OwnerCeiling)
        {
            return actor;
        }

        var user = await _owners.FindByIdAsync(actor.UserId, cancellationToken).ConfigureAwait(false);
        return user is null ? null : ApiKeyActor.User(actor.UserId, actor.Permissions.Where(p => ApiKeyPermissions.Covers(user.Permissions, p)));
    }

    /// <summary>Ends the key's web token. Not cancellable: the key change has committed, and its token must not outlive it.</summary>
    private async ValueTask EndWebTokenAsync(Guid uuid) =>
        await _webTokens.RevokeAsync(WebTokenSubject(uuid), CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// One lookup per configured pepper, current first, until a hit: with one pepper (or none) that is one lookup.
    /// The key as a whole (prefix, secret, checksum) is what is hashed.
    /// </summary>
    private async ValueTask<ApiKeyVerificationResult> VerifyWellFormedAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var pepperIds = _hasher.PepperIdsCurrentFirst;
        for (var i = 0; i < pepperIds.Count; i++)
        {
            var pepperId = pepperIds[i];
            if (!_hasher.TryHash(presentedKey, pepperId, out var hash))
            {
                continue;
            }

            var record = await _store.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                return await JudgeAsync(record, hash, pepperId, cancellationToken).ConfigureAwait(false);
            }
        }

        return Reject(ApiKeyVerificationResult.Unknown, UnknownReason);
    }

    private async ValueTask<ApiKeyVerificationResult> JudgeAsync(ApiKey record, SecretHash hash, string? pepperId, CancellationToken cancellationToken)
    {
        var presentation = ApiKeyPresentation.CurrentSecret;

        // SecretHash equality is constant-time; the store's index found the record, this confirms which secret matched.
        if (record.Hash != hash || record.PepperId != pepperId)
        {
            var isPrevious = record.PreviousHash is { } previous && previous == hash && record.PreviousPepperId == pepperId;
            if (!isPrevious)
            {
                return Reject(ApiKeyVerificationResult.Unknown, UnknownReason);
            }

            // A rolled-away secret past its grace: the key it belonged to has expired for its holder.
            if (!(record.PreviousHashExpiresAt > _time.GetUtcNow()))
            {
                return RejectKnown(record, ApiKeyVerificationResult.Expired, ExpiredReason);
            }

            presentation = ApiKeyPresentation.GraceSecret;
        }

        var (result, reason) = await DecideAsync(record, presentation, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RejectKnown(record, result, reason);
        }

        _usage.Record(record, _time.GetUtcNow());
        _metrics.Verified(CredentialKind.ApiKey);
        return result;
    }

    /// <summary>
    /// The checks every presentation of a found key passes, in order: inactive, expired, then the owner ceiling, which
    /// turns the key's permissions into its grant (those its owner still holds).
    /// </summary>
    private async ValueTask<(ApiKeyVerificationResult Result, string Reason)> DecideAsync(ApiKey record, ApiKeyPresentation presentation, CancellationToken cancellationToken)
    {
        if (!record.IsActive)
        {
            return (ApiKeyVerificationResult.Inactive, InactiveReason);
        }

        if (record.ExpiresAt <= _time.GetUtcNow())
        {
            return (ApiKeyVerificationResult.Expired, ExpiredReason);
        }

        if (!OwnerCeiling)
        {
            return (ApiKeyVerificationResult.Valid(record, record.Permissions, presentation), string.Empty);
        }

        var owner = await _owners.FindByIdAsync(record.OwnerId, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return (ApiKeyVerificationResult.OwnerUnavailable, OwnerUnavailableReason);
        }

        // The common case (the owner holds everything the key carries) allocates nothing.
        var grant = ApiKeyPermissions.CoversAll(owner.Permissions, record.Permissions)
            ? record.Permissions
            : record.Permissions.Where(p => ApiKeyPermissions.Covers(owner.Permissions, p)).ToArray();
        return (ApiKeyVerificationResult.Valid(record, grant, presentation), string.Empty);
    }

    private ApiKeyVerificationResult Reject(ApiKeyVerificationResult result, string reason)
    {
        _metrics.Rejected(CredentialKind.ApiKey, reason);
        ApiKeyLog.Rejected(_logger, reason);
        return result;
    }

    private ApiKeyVerificationResult RejectKnown(ApiKey record, ApiKeyVerificationResult result, string reason)
    {
        _metrics.Rejected(CredentialKind.ApiKey, reason);
        ApiKeyLog.RejectedKnown(_logger, record.Uuid, reason);
        return result;
    }
}
