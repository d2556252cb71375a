using System.Diagnostics.CodeAnalysis;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Credentials.AspNetCore.Endpoints.Bodies;
using Credentials.Login;
using Credentials.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

public static partial class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the session endpoints beside login: <c>POST {prefix}/logout</c> ends the session of the JWT presented and
    /// <c>POST {prefix}/logout-all</c> every session of its user (both 204, for a JWT of this host only);
    /// <c>POST {prefix}/refresh</c> with <c>{"refresh_token"}</c> answers <c>{"username", "token", "refresh_token"}</c>
    /// when refresh tokens are on (anonymous: the refresh token is the credential, and it travels in the body only).
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <param name="prefix">Where the three live; <c>/auth</c> by default, beside <c>/auth/login</c>.</param>
    /// <returns>The group holding the three endpoints.</returns>
    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/auth")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        // The tag on the group, before the host's conventions on it, so a host's own tag comes last and wins.
        var group = endpoints.MapGroup(prefix).WithTags(EndpointDocumentation.SessionsTag);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithSummary("End the session of the JWT presented")
            .ProducesNoContent()
            .ProducesCredentialRefusals()
            .ProducesMessage(StatusCodes.Status400BadRequest)
            .ProducesMessage(StatusCodes.Status403Forbidden);
        group.MapPost("/logout-all", LogoutEverywhereAsync).RequireAuthorization()
            .WithSummary("End every session of the JWT's user")
            .ProducesNoContent()
            .ProducesCredentialRefusals()
            .ProducesMessage(StatusCodes.Status403Forbidden);
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Trade a refresh token for a new JWT and refresh token")
            .AcceptsJson<RefreshRequestBody>()
            .ProducesTokens()
            .ProducesMessage(StatusCodes.Status401Unauthorized)
            .ProducesMessage(StatusCodes.Status501NotImplemented);
        return group;
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ISessionService sessions)
    {
        if (context.Features.Get<ValidatedJwtFeature>() is not { } jwt)
        {
            return SessionlessCredential();
        }

        if (jwt.Token.SessionId is not { } sessionId)
        {
            // Issued before sessions (or by the host's own issuer call): nothing can end it but its expiry.
            return Results.Json(new { message = "This token belongs to no session: it stays valid until it expires." }, statusCode: StatusCodes.Status400BadRequest);
        }

        await sessions.EndAsync(sessionId, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> LogoutEverywhereAsync(HttpContext context, ISessionService sessions)
    {
        if (context.Features.Get<ValidatedJwtFeature>() is not { Token.Subject: { Length: > 0 } userId })
        {
            return SessionlessCredential();
        }

        await sessions.EndAllAsync(userId, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>An API key, a web token or another scheme's user: sessions belong to JWTs this host issued at login.</summary>
    private static IResult SessionlessCredential() =>
        Results.Json(new { message = "Only a JWT issued at login belongs to a session." }, statusCode: StatusCodes.Status403Forbidden);

    private static async Task<IResult> RefreshAsync(HttpContext context, ILoginService login, IOptions<CredentialsEndpointOptions> options)
    {
        // Token responses must not be stored by any cache (RFC 6749 section 5.1); refusals carry none, but say the same.
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        var cancellationToken = context.RequestAborted;
        var (document, error) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var errors = new FieldErrors();
            if (RequiredString(document.RootElement, "refresh_token", errors) is not { } refreshToken)
            {
                return ApiErrorResults.Invalid(errors);
            }

            var result = await login.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return Results.Json(new { username = result.Username, token = result.Token, refresh_token = result.RefreshToken });
            }

            // Every other reason answers alike: a caller learns nothing about whose token it presented.
            return result.Failure == SessionRefreshFailure.NotEnabled
                ? Results.Json(new { message = "Refresh tokens are not enabled on this host." }, statusCode: StatusCodes.Status501NotImplemented)
                : Results.Json(new { message = "Invalid refresh token: log in again." }, statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}
