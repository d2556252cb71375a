namespace Credentials.AspNetCore.Authentication;

/// <summary>Claim types the handler puts on the principal beside the standard name identifier, name and email.</summary>
public static class CredentialClaimTypes
{
    /// <summary>One claim per permission the credential carries.</summary>
    public const string Permission = "permission";

    /// <summary>Which kind of credential authenticated the request: <c>api_key</c>, <c>web_token</c> or <c>jwt</c>.</summary>
    public const string CredentialKind = "credential_kind";

    /// <summary>The uuid of the API key that authenticated the request (API keys only).</summary>
    public const string ApiKeyId = "api_key_id";

    /// <summary>
    /// Present (value <c>true</c>) when an API key was presented by a secret rolled away but still in its grace period:
    /// such a request may do ordinary work only, never manage keys or get a web token.
    /// </summary>
    public const string GraceSecret = "api_key_grace_secret";

    /// <summary>The id of the JWT's signing key (<c>kid</c>), for JWTs.</summary>
    public const string SigningKeyId = "signing_key_id";

    /// <summary>The login session a JWT belongs to (its <c>sid</c>), for JWTs that name one.</summary>
    public const string SessionId = "sid";
}
