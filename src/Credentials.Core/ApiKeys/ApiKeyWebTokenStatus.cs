namespace Credentials.ApiKeys;

/// <summary>How a request for an API key's web token ended.</summary>
public enum ApiKeyWebTokenStatus
{
    /// <summary>The token was issued and is now the key's only working one.</summary>
    Issued = 1,

    /// <summary>
    /// The actor is not an API key presented by its current secret (a user, a web token, or a secret in its grace
    /// period, whose token would outlive the grace).
    /// </summary>
    Forbidden = 2,

    /// <summary>The key was rolled, deactivated, deleted or expired while the token was issued; the token was withdrawn.</summary>
    KeyChanged = 3,
}
