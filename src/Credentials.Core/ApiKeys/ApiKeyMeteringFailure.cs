namespace Credentials.ApiKeys;

/// <summary>Why <see cref="IApiKeyService.UpdateMeteringAsync"/> changed nothing.</summary>
public enum ApiKeyMeteringFailure
{
    /// <summary>No key has this uuid, or the actor may not see it (HTTP 404).</summary>
    NotFound = 1,

    /// <summary>The actor may not manage keys at all: a web token, a grace secret, a metered key, or a key without a manage permission (HTTP 403).</summary>
    Forbidden = 2,

    /// <summary>The request broke a rule; <see cref="ApiKeyMeteringResult.Errors"/> says which (HTTP 422).</summary>
    Invalid = 3,
}
