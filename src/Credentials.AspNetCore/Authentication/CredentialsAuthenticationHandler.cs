using System.Security.Claims;
using System.Text.Encodings.Web;
using Credentials.ApiKeys;
using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Authenticates a request by the one API key, web token or JWT it carries. A request without any credential gets
/// no result (so anonymous endpoints and other schemes keep working); a request with a bad one fails, and its
/// challenge says only <c>invalid_token</c>: the reason goes to the log, never to the caller.
/// </summary>
internal sealed class CredentialsAuthenticationHandler(
    IOptionsMonitor<CredentialsAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredentialLocator locator,
    IApiKeyService apiKeys,
    IJwtValidator jwts,
    ISessionService sessions)
    : AuthenticationHandler<CredentialsAuthenticationOptions>(options, loggerFactory, encoder)
{
    private bool _credentialRejected;
    private ApiKeyVerificationResult? _metered;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (credential, failure) = locator.Locate(Request, Options);
        if (credential is not { } presented)
        {
            if (failure is not { } unusable)
            {
                return AuthenticateResult.NoResult();
            }

            var unusableReason = CredentialTags.Of(unusable);
            AuthenticationLog.Unusable(Logger, unusableReason);
            return Fail();
        }

        var cancellationToken = Context.RequestAborted;
        var kind = CredentialTags.Of(presented.Kind);
        var (claims, reason) = presented.Kind switch
        {
            CredentialKind.ApiKey => FromApiKey(await apiKeys.VerifyAsync(presented.Secret, cancellationToken).ConfigureAwait(false)),
            CredentialKind.WebToken => FromApiKey(await apiKeys.VerifyWebTokenAsync(presented.Secret, cancellationToken).ConfigureAwait(false)),
            _ => await FromJwtAsync(jwts.Validate(presented.Secret), cancellationToken).ConfigureAwait(false),
        };
        if (claims is null)
        {
            AuthenticationLog.Rejected(Logger, kind, reason);
            return Fail();
        }

        claims.Add(new Claim(CredentialClaimTypes.CredentialKind, kind));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        AuthenticationLog.Authenticated(Logger, kind, presented.Transport);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_metered is { } refused)
        {
            // The key is good but has spent its budget: 429, so a client backs off instead of asking for new credentials.
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (refused.RetryAfter is { } retryAfter)
            {
                Response.Headers[HeaderNames.RetryAfter] = RateLimitHeaders.Seconds(retryAfter);
            }

            RateLimitHeaders.Write(Response.Headers, refused.RateLimit);
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = _credentialRejected ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Fail()
    {
        _credentialRejected = true;
        return AuthenticateResult.Fail("The credential was not accepted.");
    }

    /// <summary>
    /// An API key, or the web token acting for one: the claims carry the key's grant (its permissions within its owner's),
    /// and the verified actor is kept as a request feature for key management and web-token issuing.
    /// </summary>
    private (List<Claim>? Claims, string Reason) FromApiKey(ApiKeyVerificationResult result)
    {
        if (!result.Succeeded)
        {
            if (result.Failure is ApiKeyVerificationFailure.RateLimited or ApiKeyVerificationFailure.UsageExceeded)
            {
                _metered = result;
            }

            return (null, CredentialTags.Of(result.Failure.Value));
        }

        RateLimitHeaders.Write(Response.Headers, result.RateLimit);
        Context.Features.Set(new ApiKeyActorFeature(ApiKeyActor.ApiKey(result)));
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, result.OwnerId),
            new(CredentialClaimTypes.ApiKeyId, result.Key.Uuid.ToString()),
        };
        if (result.Presentation == ApiKeyPresentation.GraceSecret)
        {
            claims.Add(new Claim(CredentialClaimTypes.GraceSecret, "true"));
        }

        claims.AddRange(result.Permissions.Select(p => new Claim(CredentialClaimTypes.Permission, p)));
        return (claims, string.Empty);
    }

    /// <summary>
    /// A JWT, and its session when it names one (<c>sid</c>): an ended session refuses the token however valid its
    /// signature. The validator knows nothing of sessions, so the check is here, the one place every request passes;
    /// it answers from memory on a repeat, so it completes synchronously and allocates nothing then. A JWT without
    /// <c>sid</c> (issued before sessions, or by a host's own issuer call) is checked as before.
    /// </summary>
    private async ValueTask<(List<Claim>? Claims, string Reason)> FromJwtAsync(JwtValidationResult result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return (null, CredentialTags.Of(result.Failure.Value));
        }

        var token = result.Token;
        if (token.SessionId is { } sessionId)
        {
            var session = await sessions.CheckAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (!session.Succeeded)
            {
                return (null, CredentialTags.Of(session.Failure.Value));
            }
        }

        Context.Features.Set(new ValidatedJwtFeature(token));
        var claims = new List<Claim> { new(CredentialClaimTypes.SigningKeyId, token.KeyId) };
        AddIfPresent(claims, CredentialClaimTypes.SessionId, token.SessionId);
        AddIfPresent(claims, ClaimTypes.NameIdentifier, token.Subject);
        AddIfPresent(claims, ClaimTypes.Name, token.Name);
        AddIfPresent(claims, ClaimTypes.Email, token.Email);
        claims.AddRange(token.Permissions.Select(p => new Claim(CredentialClaimTypes.Permission, p)));
        return (claims, string.Empty);
    }

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
