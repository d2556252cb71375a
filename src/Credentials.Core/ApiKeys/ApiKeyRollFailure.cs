namespace Credentials.ApiKeys;

/// <summary>Why a roll request was refused.</summary>
public enum ApiKeyRollFailure
{
    /// <summary>No key has this uuid, or the actor may not see it (another owner's key, or one that grants more than the actor).</summary>
    NotFound = 1,

    /// <summary>The key is deactivated; reactivate it first.</summary>
    Inactive = 2,

    /// <summary>The key is past its expiry.</summary>
    Expired = 3,

    /// <summary>The grace period is negative or longer than <see cref="ApiKeyOptions.MaxRollGracePeriod"/>.</summary>
    InvalidGracePeriod = 4,

    /// <summary>The actor may not manage keys: a web token, a secret in its grace period, or a key without a manage permission.</summary>
    Forbidden = 5,

    /// <summary>The key changed between the read and the roll (rolled or deactivated by another call); nothing was changed.</summary>
    Conflict = 6,
}
