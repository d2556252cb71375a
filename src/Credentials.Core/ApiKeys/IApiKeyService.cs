namespace Credentials.ApiKeys;

/// <summary>
/// Creates, verifies and manages API keys. Expected failures (forbidden, invalid, malformed, unknown, ...) are results;
/// only faults of the store or the platform throw. Management calls (list, activate, delete, roll) do not authorize:
/// the host decides who may call them.
/// </summary>
public interface IApiKeyService
{
    /// <summary>
    /// Validates <paramref name="request"/>, checks <paramref name="creator"/>'s permissions, draws a new key and stores
    /// only its hash. A fault of the store propagates as an exception and no plain key is returned.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="creator"/> is null.</exception>
    ValueTask<ApiKeyCreateResult> CreateAsync(ApiKeyCreateRequest request, ApiKeyCreator creator, CancellationToken cancellationToken);

    /// <summary>
    /// Judges a presented key: its shape first (no hashing, no store call), then one lookup by hash. Never throws for
    /// any input string. Records the last use at most once per <see cref="ApiKeyOptions.LastUsedWriteInterval"/>, in the
    /// background, so a slow or failing store never delays or fails a verification.
    /// </summary>
    ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, CancellationToken cancellationToken);

    /// <summary>The keys <paramref name="ownerId"/> owns, oldest first; empty for an unknown or blank owner.</summary>
    IAsyncEnumerable<ApiKey> ListAsync(string? ownerId, CancellationToken cancellationToken);

    /// <summary>The key with this uuid, or null.</summary>
    ValueTask<ApiKey?> FindAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>Deactivates (<paramref name="isActive"/> false) or reactivates a key; the updated record, or null when unknown.</summary>
    ValueTask<ApiKey?> SetActiveAsync(Guid uuid, bool isActive, CancellationToken cancellationToken);

    /// <summary>Deletes a key for good; false when unknown.</summary>
    ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the key a new secret (same record, uuid, owner and permissions). The old secret keeps working for
    /// <paramref name="gracePeriod"/> (zero: it stops at once); rolling again ends an earlier grace at once.
    /// An inactive or expired key cannot be rolled.
    /// </summary>
    ValueTask<ApiKeyRollResult> RollAsync(Guid uuid, TimeSpan gracePeriod, CancellationToken cancellationToken);
}
