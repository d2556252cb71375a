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

    /// <summary>
    /// The key's owner is no longer known to the <see cref="Users.IUserDirectory"/>, so the key has nobody to act for
    /// (only when <see cref="ApiKeyOptions.PermissionCeiling"/> is <see cref="ApiKeyPermissionCeiling.OwnerPermissions"/>).
    /// </summary>
    OwnerUnavailable = 6,
}

/// <summary>The outcome of <see cref="IApiKeyService.VerifyAsync"/>: the key's record, owner and permissions, or why it was refused.</summary>
public sealed class ApiKeyVerificationResult
{
    private ApiKeyVerificationResult(ApiKeyVerificationStatus status, ApiKey? key, IReadOnlyList<string> permissions, ApiKeyPresentation presentation)
    {
        Status = status;
        Key = key;
        Permissions = permissions;
        Presentation = presentation;
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

    /// <summary>
    /// The key's grant, what a request presenting it may do: the key's own <see cref="ApiKey.Permissions"/> that its
    /// owner still holds (see <see cref="ApiKeyOptions.PermissionCeiling"/>). Empty when refused.
    /// </summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>How the accepted key was presented (current secret, grace secret or web token); meaningless when refused.</summary>
    public ApiKeyPresentation Presentation { get; }

    internal static ApiKeyVerificationResult Malformed { get; } = Refused(ApiKeyVerificationStatus.Malformed);

    internal static ApiKeyVerificationResult Unknown { get; } = Refused(ApiKeyVerificationStatus.Unknown);

    internal static ApiKeyVerificationResult Inactive { get; } = Refused(ApiKeyVerificationStatus.Inactive);

    internal static ApiKeyVerificationResult Expired { get; } = Refused(ApiKeyVerificationStatus.Expired);

    internal static ApiKeyVerificationResult OwnerUnavailable { get; } = Refused(ApiKeyVerificationStatus.OwnerUnavailable);

    internal static ApiKeyVerificationResult Valid(ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation) =>
        new(ApiKeyVerificationStatus.Valid, key, grant, presentation);

    /// <summary>The status and, when valid, the key's uuid and how it was presented.</summary>
    public override string ToString() => Key is null
        ? $"ApiKeyVerificationResult {{ Status = {Status} }}"
        : $"ApiKeyVerificationResult {{ Status = {Status}, Uuid = {Key.Uuid}, Presentation = {Presentation} }}";

    private static ApiKeyVerificationResult Refused(ApiKeyVerificationStatus status) => new(status, null, [], default);
}
