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
    /// Replaces the record's secret in one step: the current hash becomes the previous hash (valid until
    /// <paramref name="previousExpiresAt"/>; null drops it at once) and <paramref name="newHash"/> becomes current.
    /// Returns the updated record, or null when no record has this uuid.
    /// </summary>
    ValueTask<ApiKey?> RollAsync(Guid uuid, SecretHash newHash, string? newPepperId, DateTimeOffset? previousExpiresAt, CancellationToken cancellationToken);

    /// <summary>Records a successful use; a no-op for an unknown id.</summary>
    ValueTask RecordLastUsedAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>Deletes the record; false when no record has this uuid.</summary>
    ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken);
}
