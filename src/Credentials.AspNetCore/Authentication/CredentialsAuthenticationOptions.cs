using Microsoft.AspNetCore.Authentication;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Which credential kinds the handler accepts and from where. Query-string transports are on by default because the
/// API documents use them, but URLs end up in proxy logs, browser history and Referer headers: switch them off for any kind
/// your clients can send in the <c>Authorization</c> header instead.
/// </summary>
public sealed class CredentialsAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Accept API keys (header or <c>accesskey</c> query parameter). Default true.</summary>
    public bool AcceptApiKeys { get; set; } = true;

    /// <summary>Accept web tokens (header or <c>token</c> query parameter). Default true.</summary>
    public bool AcceptWebTokens { get; set; } = true;

    /// <summary>Accept JWTs (header or <c>token</c> query parameter). Default true.</summary>
    public bool AcceptJwts { get; set; } = true;

    /// <summary>Allow API keys in the <c>accesskey</c> query parameter. Default true (as the authentication API does).</summary>
    public bool AllowApiKeyInQuery { get; set; } = true;

    /// <summary>Allow web tokens in the <c>token</c> query parameter. Default true.</summary>
    public bool AllowWebTokenInQuery { get; set; } = true;

    /// <summary>Allow JWTs in the <c>token</c> query parameter. Default true (as the authentication API does).</summary>
    public bool AllowJwtInQuery { get; set; } = true;

    /// <summary>
    /// A header that carries an API key, as many API-key clients send one (<c>X-Api-Key</c>, or a name of the host's
    /// choosing); null (the default) reads no such header. Only API keys are accepted in it, and a request that also
    /// carries a credential elsewhere is refused like any request with two. Checked at start: a valid HTTP header name,
    /// and not <c>Authorization</c>.
    /// </summary>
    public string? ApiKeyHeaderName { get; set; }

    internal bool Accepts(CredentialKind kind) => kind switch
    {
        CredentialKind.ApiKey => AcceptApiKeys,
        CredentialKind.WebToken => AcceptWebTokens,
        CredentialKind.Jwt => AcceptJwts,
        _ => false,
    };

    internal bool AllowsInQuery(CredentialKind kind) => kind switch
    {
        CredentialKind.ApiKey => AllowApiKeyInQuery,
        CredentialKind.WebToken => AllowWebTokenInQuery,
        CredentialKind.Jwt => AllowJwtInQuery,
        _ => false,
    };
}
