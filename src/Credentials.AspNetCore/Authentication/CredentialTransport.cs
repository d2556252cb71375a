namespace Credentials.AspNetCore.Authentication;

/// <summary>Where in a request a credential was found.</summary>
public enum CredentialTransport
{
    /// <summary><c>Authorization: Bearer …</c>.</summary>
    AuthorizationHeader = 1,

    /// <summary>The <c>token</c> query parameter.</summary>
    TokenQueryParameter = 2,

    /// <summary>The <c>accesskey</c> query parameter.</summary>
    AccessKeyQueryParameter = 3,

    /// <summary>The header named by <see cref="CredentialsAuthenticationOptions.ApiKeyHeaderName"/> (say <c>X-Api-Key</c>).</summary>
    ApiKeyHeader = 4,
}
