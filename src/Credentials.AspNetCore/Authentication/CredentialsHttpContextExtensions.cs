using System.Security.Claims;
using Credentials.ApiKeys;
using Credentials.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Authentication;

/// <summary>Reads who a request acts as, for calls to <see cref="IApiKeyService"/>.</summary>
public static class CredentialsHttpContextExtensions
{
    /// <summary>
    /// The actor for <see cref="IApiKeyService"/>: the API key or web token the Credentials handler verified for this
    /// request (with how it was presented), or else the signed-in user (its name identifier and
    /// <see cref="CredentialClaimTypes.Permission"/> claims, from a JWT or another scheme). Null for an anonymous request.
    /// </summary>
    /// <param name="context">The current request.</param>
    public static ApiKeyActor? GetApiKeyActor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<ApiKeyActorFeature>() is { } verified)
        {
            return verified.Actor;
        }

        var user = context.User;
        var kind = user.FindFirstValue(CredentialClaimTypes.CredentialKind);
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId ||
            (kind is not null && kind != CredentialTags.Of(CredentialKind.Jwt)))
        {
            // A key's claims without the handler's verification behind them never stand in for a user.
            return null;
        }

        return ApiKeyActor.User(userId, user.FindAll(CredentialClaimTypes.Permission).Select(c => c.Value));
    }
}
