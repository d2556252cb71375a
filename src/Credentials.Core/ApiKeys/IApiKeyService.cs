namespace Credentials.ApiKeys;

/// <summary>
/// Creates, verifies and manages API keys. Expected failures (forbidden, invalid, malformed, unknown, ...) are results;
/// only faults of the store or the platform throw. Every action but verification names its <see cref="ApiKeyActor"/>,
/// and the service authorizes it, in one place, by the rule in docs/api-keys.md: a user manages its own keys; an API
/// key manages keys only with <see cref="ApiKeyPermissions.Manage"/> or <see cref="ApiKeyPermissions.ManageOwn"/>, and
/// never one that grants more than itself; a web token or a secret in its grace period never manages keys.
/// </summary>
public interface IApiKeyService
{
    /// <summary>
    /// Validates <paramref name="request"/>, checks that <paramref name="actor"/> may create it (the API's
    /// <c>api.keys.create</c> / <c>api.keys.create.own</c>) and that the key grants nothing its owner or its creator
    /// lacks, draws a new key and stores only its hash. A fault of the store propagates and no plain key is returned.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="actor"/> is null.</exception>
    ValueTask<ApiKeyCreateResult> CreateAsync(ApiKeyCreateRequest request, ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Judges a presented key: its shape first (no hashing, no store call), then one lookup by hash, then its owner's
    /// current permissions (see <see cref="ApiKeyOptions.PermissionCeiling"/>). Never throws for any input string.
    /// Records the last use at most once per <see cref="ApiKeyOptions.LastUsedWriteInterval"/>, in the background.
    /// </summary>
    ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="VerifyAsync(string?, CancellationToken)"/> (which costs 1), spending <paramref name="cost"/> of the
    /// key's usage credits when it carries any (0 only checks that the key has credits at all). A key with too few is
    /// refused as <see cref="ApiKeyVerificationFailure.UsageExceeded"/>; a key without credits spends nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cost"/> is negative.</exception>
    ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, long cost, CancellationToken cancellationToken);

    /// <summary>
    /// Judges a web token issued by <see cref="IssueWebTokenAsync"/>: the token, then the key it was issued to, by the
    /// same rules as <see cref="VerifyAsync(string?, CancellationToken)"/>. The result's <see cref="ApiKeyVerificationResult.Presentation"/> is
    /// <see cref="ApiKeyPresentation.WebToken"/>, so it never manages keys. Never throws for any input string.
    /// </summary>
    ValueTask<ApiKeyVerificationResult> VerifyWebTokenAsync(string? token, CancellationToken cancellationToken);

    /// <summary>
    /// Issues the key's single active web token (the web-token API's <c>GET /web-token</c>), replacing any earlier one. Only an
    /// API key presented by its current secret may ask; if the key is rolled, deactivated or deleted meanwhile, the
    /// token is withdrawn and the result says so.
    /// </summary>
    ValueTask<ApiKeyWebTokenResult> IssueWebTokenAsync(ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>The keys of the actor's owner that it may see (a key sees none that grants more than itself), oldest first.</summary>
    ValueTask<ApiKeyListResult> ListAsync(ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>The key with this uuid, if the actor may manage it.</summary>
    ValueTask<ApiKeyManagementResult> FindAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Deactivates (<paramref name="isActive"/> false) or reactivates a key. Deactivating also ends the key's web token
    /// at once, so reactivating does not bring it back.
    /// </summary>
    ValueTask<ApiKeyManagementResult> SetActiveAsync(Guid uuid, bool isActive, ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a key's rate limits and/or usage credits (what <paramref name="request"/> leaves null stays), checked by
    /// the same rules as creation, for an actor that may manage the key (a metered key may not). The key's secret and web
    /// token are untouched; the change is announced like every other, so no verification cache keeps the old record,
    /// and a changed limit starts a fresh window.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="actor"/> is null.</exception>
    ValueTask<ApiKeyMeteringResult> UpdateMeteringAsync(Guid uuid, ApiKeyMeteringRequest request, ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>Deletes a key for good, and its web token.</summary>
    ValueTask<ApiKeyManagementResult> DeleteAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the key a new secret (same record, uuid, owner and permissions) and ends its web token. The old secret
    /// keeps working for ordinary requests for <paramref name="gracePeriod"/> (zero: it stops at once; at most
    /// <see cref="ApiKeyOptions.MaxRollGracePeriod"/>); rolling again ends an earlier grace at once. An inactive or
    /// expired key cannot be rolled, and a roll that races a deactivate or another roll changes nothing.
    /// </summary>
    ValueTask<ApiKeyRollResult> RollAsync(Guid uuid, TimeSpan gracePeriod, ApiKeyActor actor, CancellationToken cancellationToken);
}
