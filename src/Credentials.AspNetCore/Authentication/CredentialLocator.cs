using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Finds the one credential a request carries — <c>Authorization: Bearer</c>, <c>?token=</c>, <c>?accesskey=</c> or
/// the host's API-key header when it names one — and tells its kind by shape alone. A request that carries several is refused: picking one would let a proxy or a
/// client see a different identity than the server does.
/// </summary>
internal sealed class CredentialLocator(CredentialShapes shapes)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The credential, or why none is usable; neither when the request carries no credential at all.</summary>
    public (PresentedCredential? Credential, LocateFailure? Failure) Locate(HttpRequest request, CredentialsAuthenticationOptions options)
    {
        var header = request.Headers[HeaderNames.Authorization];
        var token = request.Query[CredentialsAuthenticationDefaults.TokenQueryParameter];
        var accessKey = request.Query[CredentialsAuthenticationDefaults.AccessKeyQueryParameter];
        var apiKeyHeader = options.ApiKeyHeaderName is { } headerName ? request.Headers[headerName] : StringValues.Empty;

        var bearer = BearerValues(header);
        var found = bearer.Count + token.Count + accessKey.Count + apiKeyHeader.Count;
        if (found == 0)
        {
            return (null, null);
        }

        if (found > 1)
        {
            return (null, LocateFailure.Ambiguous);
        }

        var (secret, transport) = bearer.Count == 1 ? (bearer[0]!, CredentialTransport.AuthorizationHeader)
            : token.Count == 1 ? (token[0]!, CredentialTransport.TokenQueryParameter)
            : accessKey.Count == 1 ? (accessKey[0]!, CredentialTransport.AccessKeyQueryParameter)
            : (apiKeyHeader[0]!, CredentialTransport.ApiKeyHeader);

        // The API-key header is defined as carrying API keys: a JWT or web token there is as unusable as any garbage.
        if (shapes.KindOf(secret) is not { } kind || !options.Accepts(kind) ||
            (transport == CredentialTransport.ApiKeyHeader && kind != CredentialKind.ApiKey))
        {
            return (null, LocateFailure.UnrecognisedShape);
        }

        var allowed = transport switch
        {
            CredentialTransport.AuthorizationHeader or CredentialTransport.ApiKeyHeader => true,
            CredentialTransport.TokenQueryParameter => kind != CredentialKind.ApiKey && options.AllowsInQuery(kind),
            _ => kind == CredentialKind.ApiKey && options.AllowsInQuery(kind),
        };
        return allowed ? (new PresentedCredential(kind, secret, transport), null) : (null, LocateFailure.TransportNotAllowed);
    }

    /// <summary>The Bearer credentials among the Authorization values; other schemes (Basic, …) are not ours and are ignored.</summary>
    private static StringValues BearerValues(StringValues header)
    {
        if (header.Count == 0)
        {
            return StringValues.Empty;
        }

        var values = new List<string>(header.Count);
        foreach (var value in header)
        {
            if (value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(value[BearerPrefix.Length..].Trim());
            }
        }

        return new StringValues([.. values]);
    }
}
