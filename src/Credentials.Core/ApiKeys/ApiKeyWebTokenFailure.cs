namespace Credentials.ApiKeys;

/// <summary>Why a request for an API key's web token was refused.</summary>
public enum ApiKeyWebTokenFailure
{
    /// <summary>
    /// The actor is not an API key presented by its current secret (a user, a web token, or a secret in its grace
    /// period, whose token would outlive the grace).
    /// </summary>
    Forbidden = 1,

    /// <summary>The key was rolled, deactivated, deleted or expired while the token was issued; the token was withdrawn.</summary>
    KeyChanged = 2,
}
