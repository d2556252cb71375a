namespace Credentials.ApiKeys;

/// <summary>Why a create request was refused.</summary>
public enum ApiKeyCreateFailure
{
    /// <summary>
    /// The actor may not create this key (HTTP 403): it holds neither create permission, or it is a web token or a
    /// secret in its grace period.
    /// </summary>
    Forbidden = 1,

    /// <summary>The request broke a rule; <see cref="ApiKeyCreateResult.Errors"/> says which (HTTP 422).</summary>
    Invalid = 2,
}
