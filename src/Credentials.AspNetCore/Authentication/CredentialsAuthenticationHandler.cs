using System.Security.Claims;
using System.Text.Encodings.Web;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Diagnostics;
using Credentials.Jwt;
using Credentials.WebTokens;
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
    IWebTokenService webTokens,
    IJwtValidator jwts,
    TimeProvider clock)
    : AuthenticationHandler<CredentialsAuthenticationOptions>(options, loggerFactory, encoder)
{
    private bool _credentialRejected;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (credential, failure) = locator.Locate(Request, Options);
        if (credential is not { } presented)
        {
            return failure == LocateFailure.None ? AuthenticateResult.NoResult() : Reject(failure.ToString());
        }

        var cancellationToken = Context.RequestAborted;
        var (claims, reason) = presented.Kind switch
        {
            CredentialKind.ApiKey => FromApiKey(await apiKeys.VerifyAsync(presented.Secret, cancellationToken).ConfigureAwait(false)),
            CredentialKind.WebToken => await FromWebTokenAsync(presented.Secret, cancellationToken).ConfigureAwait(false),
            _ => FromJwt(jwts.Validate(presented.Secret)),
        };
        if (claims is null)
        {
            return Reject(reason);
        }

        claims.Add(new Claim(CredentialClaimTypes.CredentialKind, KindClaim(presented.Kind)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        AuthenticationLog.Authenticated(Logger, presented.Kind, presented.Transport);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = _credentialRejected ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Reject(string reason)
    {
        _credentialRejected = true;
        AuthenticationLog.Rejected(Logger, reason);
        return AuthenticateResult.Fail("The credential was not accepted.");
    }

    private static (List<Claim>? Claims, string Reason) FromApiKey(ApiKeyVerificationResult result) =>
        result.Succeeded ? (KeyClaims(result.Key), string.Empty) : (null, $"ApiKey{result.Status}");

    /// <summary>A web token's subject is the uuid of the API key that asked for it: the request acts as that key, if it still works.</summary>
    private async Task<(List<Claim>? Claims, string Reason)> FromWebTokenAsync(string token, CancellationToken cancellationToken)
    {
        var result = await webTokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, $"WebToken{result.Rejection}");
        }

        var key = Guid.TryParse(result.Subject, out var uuid) ? await apiKeys.FindAsync(uuid, cancellationToken).ConfigureAwait(false) : null;
        var usable = key is { IsActive: true } && (key.ExpiresAt is not { } expiry || expiry > clock.GetUtcNow());
        return usable ? (KeyClaims(key!), string.Empty) : (null, "WebTokenSubjectNotUsable");
    }

    private static (List<Claim>? Claims, string Reason) FromJwt(JwtValidationResult result)
    {
        if (!result.Succeeded)
        {
            return (null, $"Jwt{result.Failure}");
        }

        var token = result.Token;
        var claims = new List<Claim> { new(CredentialClaimTypes.SigningKeyId, token.KeyId) };
        AddIfPresent(claims, ClaimTypes.NameIdentifier, token.Subject);
        AddIfPresent(claims, ClaimTypes.Name, token.Name);
        AddIfPresent(claims, ClaimTypes.Email, token.Email);
        claims.AddRange(token.Permissions.Select(p => new Claim(CredentialClaimTypes.Permission, p)));
        return (claims, string.Empty);
    }

    private static List<Claim> KeyClaims(ApiKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.OwnerId),
            new(CredentialClaimTypes.ApiKeyId, key.Uuid.ToString()),
        };
        claims.AddRange(key.Permissions.Select(p => new Claim(CredentialClaimTypes.Permission, p)));
        return claims;
    }

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }

    /// <summary>The <see cref="CredentialClaimTypes.CredentialKind"/> value for a kind; endpoints compare against the same one.</summary>
    internal static string KindClaim(CredentialKind kind) => kind switch
    {
        CredentialKind.ApiKey => "api_key",
        CredentialKind.WebToken => "web_token",
        _ => "jwt",
    };
}
