namespace Credentials.ApiKeys;

/// <summary>Why a presented key was refused.</summary>
public enum ApiKeyVerificationFailure
{
    /// <summary>Not a key of this host's format (prefix, length, alphabet or checksum): rejected without hashing or a store call.</summary>
    Malformed = 1,

    /// <summary>Well formed but no stored key has it (never issued, deleted, or rolled away with no grace period).</summary>
    Unknown = 2,

    /// <summary>The key was deactivated.</summary>
    Inactive = 3,

    /// <summary>The key is past its expiry, or it is a rolled-away secret past its grace period.</summary>
    Expired = 4,

    /// <summary>
    /// The key's owner is no longer known to the <see cref="Users.IUserDirectory"/>, so the key has nobody to act for
    /// (only when <see cref="ApiKeyOptions.PermissionCeiling"/> is <see cref="ApiKeyPermissionCeiling.OwnerPermissions"/>).
    /// </summary>
    OwnerUnavailable = 5,

    /// <summary>One of the key's rate limits (or the host's default limit) is used up for the current window.</summary>
    RateLimited = 6,

    /// <summary>The key has fewer usage credits left than the verification costs.</summary>
    UsageExceeded = 7,
}
