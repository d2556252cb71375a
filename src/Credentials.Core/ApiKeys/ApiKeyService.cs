using System.Runtime.CompilerServices;
using Credentials.Diagnostics;
using Credentials.Secrets;
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

    private readonly IApiKeyStore _store;
    private readonly ApiKeyFormat _format;
    private readonly ApiKeyRequestValidator _validator;
    private readonly SecretHasher _hasher;
    private readonly ISecretRandom _random;
    private readonly TimeProvider _time;
    private readonly ApiKeyUsageRecorder _usage;
    private readonly CredentialsMetrics _metrics;
    private readonly ILogger _logger;

    public ApiKeyService(
        IApiKeyStore store,
        ApiKeyFormat format,
        SecretHasher hasher,
        ISecretRandom random,
        TimeProvider time,
        ApiKeyUsageRecorder usage,
        CredentialsMetrics metrics,
        IOptions<CredentialsOptions> options,
        ILogger<ApiKeyService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _format = format;
        _validator = new ApiKeyRequestValidator(options.Value.ApiKeys);
        _hasher = hasher;
        _random = random;
        _time = time;
        _usage = usage;
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async ValueTask<ApiKeyCreateResult> CreateAsync(ApiKeyCreateRequest request, ApiKeyCreator creator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(creator);

        if (OwnerFor(request, creator) is not { } ownerId || GrantsUnheldKeyPermission(request, creator))
        {
            ApiKeyLog.CreateForbidden(_logger, creator.UserId);
            return ApiKeyCreateResult.Forbidden;
        }

        var now = _time.GetUtcNow();
        var validated = _validator.Validate(request, ownerId, now);
        if (validated.Errors is { } errors)
        {
            return ApiKeyCreateResult.Invalid(errors);
        }

        var plainKey = _format.Render(_random);
        var record = new ApiKey
        {
            Uuid = Guid.NewGuid(),
            Name = validated.Name!,
            Prefix = _format.Prefix,
            OwnerId = ownerId,
            ExpiresAt = request.ExpiresAt,
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

    public async IAsyncEnumerable<ApiKey> ListAsync(string? ownerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ownerId))
        {
            yield break;
        }

        await foreach (var key in _store.ListByOwnerAsync(ownerId, cancellationToken).ConfigureAwait(false))
        {
            yield return key;
        }
    }

    public ValueTask<ApiKey?> FindAsync(Guid uuid, CancellationToken cancellationToken) => _store.FindByUuidAsync(uuid, cancellationToken);

    public async ValueTask<ApiKey?> SetActiveAsync(Guid uuid, bool isActive, CancellationToken cancellationToken)
    {
        var updated = await _store.SetActiveAsync(uuid, isActive, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
        {
            ApiKeyLog.ActiveChanged(_logger, uuid, isActive ? "active" : "inactive");
        }

        return updated;
    }

    public async ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteAsync(uuid, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            ApiKeyLog.Deleted(_logger, uuid);
        }

        return deleted;
    }

    public async ValueTask<ApiKeyRollResult> RollAsync(Guid uuid, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (gracePeriod < TimeSpan.Zero || gracePeriod > DateTimeOffset.MaxValue - now)
        {
            return ApiKeyRollResult.InvalidGracePeriod;
        }

        var current = await _store.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return ApiKeyRollResult.NotFound;
        }

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
        var rolled = await _store.RollAsync(uuid, _hasher.Hash(plainKey), _hasher.CurrentPepperId, previousExpiresAt, cancellationToken).ConfigureAwait(false);
        if (rolled is null)
        {
            // Deleted between the read and the roll.
            return ApiKeyRollResult.NotFound;
        }

        ApiKeyLog.Rolled(_logger, uuid, previousExpiresAt);
        return ApiKeyRollResult.Rolled(rolled, plainKey);
    }

    /// <summary>
    /// The key's owner, or null when the creator may not create it: <c>api.keys.create</c> may name any owner (default
    /// itself); <c>api.keys.create.own</c> always owns the key, whatever the request names (as the seed says).
    /// </summary>
    private static string? OwnerFor(ApiKeyCreateRequest request, ApiKeyCreator creator)
    {
        if (string.IsNullOrWhiteSpace(creator.UserId) || creator.Permissions is null)
        {
            return null;
        }

        if (creator.Permissions.Contains(ApiKeyPermissions.Create, StringComparer.Ordinal))
        {
            return request.OwnerId ?? creator.UserId;
        }

        return creator.Permissions.Contains(ApiKeyPermissions.CreateOwn, StringComparer.Ordinal) ? creator.UserId : null;
    }

    /// <summary>
    /// A key's permissions become the permissions of whoever presents it, so a key may not carry a key-management
    /// permission its creator lacks: otherwise a holder of <c>api.keys.create.own</c> could mint a key with
    /// <c>api.keys.create</c> and then create keys for every user with it. Other permissions are the key's own scopes.
    /// </summary>
    private static bool GrantsUnheldKeyPermission(ApiKeyCreateRequest request, ApiKeyCreator creator) =>
        request.Permissions is { } requested && requested.Any(p =>
            p is ApiKeyPermissions.Create or ApiKeyPermissions.CreateOwn && !creator.Permissions.Contains(p, StringComparer.Ordinal));

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
                return Judge(record, hash, pepperId);
            }
        }

        return Reject(ApiKeyVerificationResult.Unknown, UnknownReason);
    }

    private ApiKeyVerificationResult Judge(ApiKey record, SecretHash hash, string? pepperId)
    {
        var now = _time.GetUtcNow();

        // SecretHash equality is constant-time; the store's index found the record, this confirms which secret matched.
        if (record.Hash != hash || record.PepperId != pepperId)
        {
            var isPrevious = record.PreviousHash is { } previous && previous == hash && record.PreviousPepperId == pepperId;
            if (!isPrevious)
            {
                return Reject(ApiKeyVerificationResult.Unknown, UnknownReason);
            }

            // A rolled-away secret past its grace: the key it belonged to has expired for its holder.
            if (!(record.PreviousHashExpiresAt > now))
            {
                return RejectKnown(record, ApiKeyVerificationResult.Expired, ExpiredReason);
            }
        }

        if (!record.IsActive)
        {
            return RejectKnown(record, ApiKeyVerificationResult.Inactive, InactiveReason);
        }

        if (record.ExpiresAt <= now)
        {
            return RejectKnown(record, ApiKeyVerificationResult.Expired, ExpiredReason);
        }

        _usage.Record(record, now);
        _metrics.Verified(CredentialKind.ApiKey);
        return ApiKeyVerificationResult.Valid(record);
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
