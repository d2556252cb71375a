using System.Diagnostics.CodeAnalysis;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

public static partial class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the web-token API: <c>GET</c> with an API key's current secret answers
    /// <c>{"success": true, "data": {"token", "expiresAt"}}</c> and retires the key's previous token.
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <param name="pattern">The route; <c>/web-token</c> by default.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapWebTokens(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/web-token")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, IssueWebTokenAsync).RequireAuthorization()
            .Documented(EndpointDocumentation.WebTokensTag, "Issue the API key's web token, retiring its previous one")
            .ProducesWebToken()
            .ProducesWebTokenRefusal(StatusCodes.Status401Unauthorized)
            .ProducesWebTokenRefusal(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// Authorised by an API key's current secret, whose uuid is the subject, so each key has one active token.
    /// A user, a web token or a secret in its grace period gets 403.
    /// </summary>
    private static async Task<IResult> IssueWebTokenAsync(HttpContext context, IApiKeyService keys)
    {
        var result = context.GetApiKeyActor() is { } actor
            ? await keys.IssueWebTokenAsync(actor, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (result is { Succeeded: true })
        {
            return Results.Json(new { success = true, data = new { token = result.Token.Token, expiresAt = result.Token.ExpiresAtUnixSeconds } });
        }

        return result?.Failure switch
        {
            ApiKeyWebTokenFailure.KeyChanged => Results.Json(new { success = false, message = "The API key changed while the token was issued: authenticate again." }, statusCode: StatusCodes.Status401Unauthorized),
            _ => Results.Json(new { success = false, message = "A web token is issued to an API key presented by its current secret: authenticate with one." }, statusCode: StatusCodes.Status403Forbidden),
        };
    }
}
