using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>How a presented key was judged.</summary>
public enum ApiKeyVerificationStatus
{
    /// <summary>The key is known, active and unexpired.</summary>
    Valid = 1,

    /// <summary>Not a key of this host's format (prefix, length, alphabet or checksum): rejected without hashing or a store call.</summary>
    Malformed = 2,

    /// <summary>Well formed but no stored key has it (never issued, deleted, or rolled away with no grace period).</summary>
    Unknown = 3,

    /// <summary>The key was deactivated.</summary>
    Inactive = 4,

    /// <summary>The key is past its expiry, or it is a rolled-away secret past its grace period.</summary>
    Expired = 5,
}

/// <summary>The outcome of <see cref="IApiKeyService.VerifyAsync"/>: the key's record, owner and permissions, or why it was refused.</summary>
public sealed class ApiKeyVerificationResult
{
    private ApiKeyVerificationResult(ApiKeyVerificationStatus status, ApiKey? key)
    {
        Status = status;
        Key = key;
    }

    /// <summary>Valid, or the reason the key was refused.</summary>
    public ApiKeyVerificationStatus Status { get; }

    /// <summary>True when the key was accepted; <see cref="Key"/> and <see cref="OwnerId"/> are then set.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(OwnerId))]
    public bool Succeeded => Status == ApiKeyVerificationStatus.Valid;

    /// <summary>The accepted key's record, when valid.</summary>
    public ApiKey? Key { get; }

    /// <summary>The user the accepted key acts for, when valid.</summary>
    public string? OwnerId => Key?.OwnerId;

    /// <summary>The accepted key's permissions; empty when refused.</summary>
    public IReadOnlyList<string> Permissions => Key?.Permissions ?? [];

    internal static ApiKeyVerificationResult Malformed { get; } = new(ApiKeyVerificationStatus.Malformed, null);

    internal static ApiKeyVerificationResult Unknown { get; } = new(ApiKeyVerificationStatus.Unknown, null);

    internal static ApiKeyVerificationResult Inactive { get; } = new(ApiKeyVerificationStatus.Inactive, null);

    internal static ApiKeyVerificationResult Expired { get; } = new(ApiKeyVerificationStatus.Expired, null);

    internal static ApiKeyVerificationResult Valid(ApiKey key) => new(ApiKeyVerificationStatus.Valid, key);

    /// <summary>The status and, when valid, the key's uuid.</summary>
    public override string ToString() => Key is null
        ? $"ApiKeyVerificationResult {{ Status = {Status} }}"
        : $"ApiKeyVerificationResult {{ Status = {Status}, Uuid = {Key.Uuid} }}";
}
