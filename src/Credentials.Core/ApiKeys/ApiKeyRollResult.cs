using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>How a roll request ended.</summary>
public enum ApiKeyRollStatus
{
    /// <summary>The key has a new secret; the result carries it.</summary>
    Rolled = 1,

    /// <summary>No key has this uuid, or the actor may not see it (another owner's key, or one that grants more than the actor).</summary>
    NotFound = 2,

    /// <summary>The key is deactivated; reactivate it first.</summary>
    Inactive = 3,

    /// <summary>The key is past its expiry.</summary>
    Expired = 4,

    /// <summary>The grace period is negative or longer than <see cref="ApiKeyOptions.MaxRollGracePeriod"/>.</summary>
    InvalidGracePeriod = 5,

    /// <summary>The actor may not manage keys: a web token, a secret in its grace period, or a key without a manage permission.</summary>
    Forbidden = 6,

    /// <summary>The key changed between the read and the roll (rolled or deactivated by another call); nothing was changed.</summary>
    Conflict = 7,
}

/// <summary>
/// The outcome of <see cref="IApiKeyService.RollAsync"/>. When rolled it carries the only copy of the new plain key;
/// <see cref="ToString"/> never shows it.
/// </summary>
public sealed class ApiKeyRollResult
{
    private ApiKeyRollResult(ApiKeyRollStatus status, ApiKey? key, string? plainKey)
    {
        Status = status;
        Key = key;
        PlainKey = plainKey;
    }

    /// <summary>Rolled, or why not.</summary>
    public ApiKeyRollStatus Status { get; }

    /// <summary>True when the key was rolled; <see cref="Key"/> and <see cref="PlainKey"/> are then set.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(PlainKey))]
    public bool Succeeded => Status == ApiKeyRollStatus.Rolled;

    /// <summary>The updated record, when rolled; <see cref="ApiKey.PreviousHashExpiresAt"/> says until when the old secret works.</summary>
    public ApiKey? Key { get; }

    /// <summary>The new full key, when rolled. It is not stored and cannot be shown again.</summary>
    public string? PlainKey { get; }

    internal static ApiKeyRollResult NotFound { get; } = new(ApiKeyRollStatus.NotFound, null, null);

    internal static ApiKeyRollResult Inactive { get; } = new(ApiKeyRollStatus.Inactive, null, null);

    internal static ApiKeyRollResult Expired { get; } = new(ApiKeyRollStatus.Expired, null, null);

    internal static ApiKeyRollResult InvalidGracePeriod { get; } = new(ApiKeyRollStatus.InvalidGracePeriod, null, null);

    internal static ApiKeyRollResult Forbidden { get; } = new(ApiKeyRollStatus.Forbidden, null, null);

    internal static ApiKeyRollResult Conflict { get; } = new(ApiKeyRollStatus.Conflict, null, null);

    internal static ApiKeyRollResult Rolled(ApiKey key, string plainKey) => new(ApiKeyRollStatus.Rolled, key, plainKey);

    /// <summary>The status and the key's uuid; the plain key is always redacted.</summary>
    public override string ToString() => Key is null
        ? $"ApiKeyRollResult {{ Status = {Status} }}"
        : $"ApiKeyRollResult {{ Status = {Status}, Uuid = {Key.Uuid}, PlainKey = (redacted) }}";
}
