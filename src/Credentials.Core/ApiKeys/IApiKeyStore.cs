using Credentials.Secrets;

namespace Credentials.ApiKeys;

/// <summary>
/// Persists API key records. A store keeps and finds; the service decides (validity, expiry, permissions).
/// Every method is one atomic step. Implementations: the in-memory default, the EF Core stores, or the
/// host's own; each runs the same contract test suite.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>
    /// Stores a new record and returns it with its store-assigned <see cref="ApiKey.Id"/>. Either the whole record is
    /// stored or nothing is. Throws when the hash or the uuid is already taken.
    /// </summary>
    ValueTask<ApiKey> CreateAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The record whose <see cref="ApiKey.Hash"/> or <see cref="ApiKey.PreviousHash"/> equals <paramref name="hash"/>,
    /// or null. One indexed lookup; the store does not judge expiry or activity.
    /// </summary>
    ValueTask<ApiKey?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken);

    /// <summary>The record with this uuid, or null.</summary>
    ValueTask<ApiKey?> FindByUuidAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>Every record owned by <paramref name="ownerId"/>, oldest first.</summary>
    IAsyncEnumerable<ApiKey> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Sets the active flag; returns the updated record, or null when no record has this uuid.</summary>
    ValueTask<ApiKey?> SetActiveAsync(Guid uuid, bool isActive, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record's secret in one conditional step: only while the record is active and its current hash is
    /// still <paramref name="expectedHash"/> (the one the caller read), the current hash becomes the previous hash
    /// (valid until <paramref name="previousExpiresAt"/>; null drops it at once), <paramref name="newHash"/> becomes
    /// current and <paramref name="newHint"/> replaces <see cref="ApiKey.Hint"/>. Returns the updated record, or null when no record has this uuid or the condition no longer holds (a
    /// deactivate or another roll got there first), in which case nothing changed.
    /// </summary>
    ValueTask<ApiKey?> RollAsync(
        Guid uuid, SecretHash expectedHash, SecretHash newHash, string? newPepperId, string newHint, DateTimeOffset? previousExpiresAt, CancellationToken cancellationToken);

    /// <summary>Records a successful use; a no-op for an unknown id.</summary>
    ValueTask RecordLastUsedAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Spends <paramref name="cost"/> of the key's usage credits in one atomic step, never read-modify-write: first a
    /// refill that is due at <paramref name="now"/> (remaining becomes the refill amount, and the refill instant moves on
    /// by whole intervals), then the spend, only while at least <paramref name="cost"/> credits remain. True when spent;
    /// false, with nothing changed, when too few remain, the key has no credits, or no record has this uuid. Any number
    /// of concurrent callers together never spend more than the key holds (remaining 1 is spent exactly once).
    /// </summary>
    ValueTask<bool> SpendCreditsAsync(Guid uuid, long cost, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the key's metering in one atomic step: its rate limits unless <paramref name="rateLimits"/> is null (empty
    /// removes them), and its credits (null removes them) only when <paramref name="replaceCredits"/> is true, so a
    /// change of limits alone never writes back credits read earlier (concurrent spends are kept). Nothing else changes.
    /// Returns the updated record, or null when no record has this uuid.
    /// </summary>
    ValueTask<ApiKey?> UpdateMeteringAsync(
        Guid uuid, IReadOnlyList<ApiKeyRateLimit>? rateLimits, bool replaceCredits, ApiKeyCredits? credits, CancellationToken cancellationToken);

    /// <summary>Deletes the record; false when no record has this uuid.</summary>
    ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every record whose <see cref="ApiKey.ExpiresAt"/> is at or before <paramref name="expiredAtOrBefore"/>,
    /// in one set-based step; returns how many. Keys without an expiry are never purged.
    /// </summary>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset expiredAtOrBefore, CancellationToken cancellationToken);
}
