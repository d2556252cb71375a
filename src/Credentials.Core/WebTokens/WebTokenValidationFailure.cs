namespace Credentials.WebTokens;

/// <summary>Why a presented web token was refused.</summary>
public enum WebTokenValidationFailure
{
    /// <summary>Missing, wrong length or not lowercase hex: rejected before any hashing or store call.</summary>
    Malformed = 1,

    /// <summary>Never issued, revoked, purged, or superseded by a newer token for the same subject.</summary>
    Unknown = 2,

    /// <summary>The subject's current token, but past its expiry.</summary>
    Expired = 3,
}
