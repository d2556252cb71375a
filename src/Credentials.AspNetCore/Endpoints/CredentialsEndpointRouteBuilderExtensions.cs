using System.Security.Claims;
using System.Text.Json;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Credentials.Jwt;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps endpoints that speak the three seed contracts: login, web tokens and API keys.</summary>
public static class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /auth/login</c>, <c>GET /web-token</c>, <c>POST/GET /api/v1/api-keys</c> (with deactivate,
    /// activate, roll and delete), <c>GET /v1.0/accesskeys</c> and <c>GET /.well-known/jwks.json</c>.
    /// Needs <c>services.AddCredentials()</c> and the Credentials authentication scheme.
    /// </summary>
    public static RouteGroupBuilder MapCredentialsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        group.MapPost("/auth/login", LoginAsync).AllowAnonymous();
        group.MapGet("/web-token", IssueWebTokenAsync).RequireAuthorization();
        group.MapPost("/api/v1/api-keys", CreateApiKeyAsync).RequireAuthorization();
        group.MapGet("/api/v1/api-keys", ListApiKeysAsync).RequireAuthorization();
        group.MapGet("/v1.0/accesskeys", ListApiKeysAsync).RequireAuthorization();
        group.MapPost("/api/v1/api-keys/{uuid:guid}/deactivate", (Guid uuid, ClaimsPrincipal caller, IApiKeyService keys, IServiceProvider services, CancellationToken ct) =>
            SetActiveAsync(uuid, false, caller, keys, services, ct)).RequireAuthorization();
        group.MapPost("/api/v1/api-keys/{uuid:guid}/activate", (Guid uuid, ClaimsPrincipal caller, IApiKeyService keys, IServiceProvider services, CancellationToken ct) =>
            SetActiveAsync(uuid, true, caller, keys, services, ct)).RequireAuthorization();
        group.MapPost("/api/v1/api-keys/{uuid:guid}/roll", RollApiKeyAsync).RequireAuthorization();
        group.MapDelete("/api/v1/api-keys/{uuid:guid}", DeleteApiKeyAsync).RequireAuthorization();
        group.MapGet("/.well-known/jwks.json", (JwtKeyRing ring) => Results.Text(ring.ExportJwks(), "application/jwk-set+json")).AllowAnonymous();
        return group;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        ILoginService login,
        LoginThrottle throttle,
        IOptions<CredentialsEndpointOptions> options,
        IOptions<Credentials.CredentialsOptions> credentials)
    {
        var cancellationToken = context.RequestAborted;
        var (document, error) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var errors = new FieldErrors();
            var username = RequiredString(document.RootElement, "username", errors);
            var password = RequiredString(document.RootElement, "password", errors);
            if (username is null || password is null)
            {
                return SeedResults.Invalid(errors);
            }

            // Refused before the throttle, so an oversized value never takes a turn nor reaches the password check.
            var maxPasswordLength = credentials.Value.Passwords.MaxPasswordLength;
            if (username.AsSpan().Trim().Length > InMemoryUserAuthenticator.MaxUsernameLength)
            {
                errors.Add("username", $"The username field must be at most {InMemoryUserAuthenticator.MaxUsernameLength} characters.");
            }

            if (password.Length > maxPasswordLength)
            {
                errors.Add("password", $"The password field must be at most {maxPasswordLength} characters.");
            }

            if (errors.Count > 0)
            {
                return SeedResults.Invalid(errors);
            }

            var keys = LoginThrottle.Keys(username, context.Connection.RemoteIpAddress);
            using var turn = await throttle.TakeTurnAsync(keys, cancellationToken).ConfigureAwait(false);
            if (turn is null)
            {
                return TooManyAttempts(context, TimeSpan.FromSeconds(1));
            }

            if (throttle.RetryAfter(keys) is { } wait)
            {
                return TooManyAttempts(context, wait);
            }

            var result = await login.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return Results.Json(new { username = result.Username, token = result.Token });
            }

            if (result.Failure == UserAuthenticationFailure.InvalidInput)
            {
                return SeedResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", "username", "The username or password is not acceptable.");
            }

            throttle.RecordFailure(keys);
            return Results.Json(new { message = "Invalid username or password." }, statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { message = "Too many failed logins. Try again later." }, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Seed <c>web-token.md</c>: authorised by an API key, whose uuid is the subject, so each key has one active token.</summary>
    private static async Task<IResult> IssueWebTokenAsync(ClaimsPrincipal caller, IWebTokenService webTokens, CancellationToken cancellationToken)
    {
        if (caller.FindFirstValue(CredentialClaimTypes.CredentialKind) != CredentialsAuthenticationHandler.KindClaim(Credentials.CredentialKind.ApiKey) || caller.FindFirstValue(CredentialClaimTypes.ApiKeyId) is not { } keyId)
        {
            return Results.Json(new { success = false, message = "A web token is issued to an API key: authenticate with one." }, statusCode: StatusCodes.Status403Forbidden);
        }

        var issued = await webTokens.IssueAsync(keyId, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { success = true, data = new { token = issued.Token, expiresAt = issued.ExpiresAt.ToUnixTimeSeconds() } });
    }

    private static async Task<IResult> CreateApiKeyAsync(HttpContext context, IApiKeyService keys, IOptions<CredentialsEndpointOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        var (document, error) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        ApiKeyCreateInput? input;
        var errors = new FieldErrors();
        using (document)
        {
            input = ApiKeyCreateJson.Read(document.RootElement, errors);
        }

        if (input is null)
        {
            return SeedResults.Invalid(errors);
        }

        var creator = Creator(context.User);
        var request = new ApiKeyCreateRequest
        {
            Name = input.Name,
            ExpiresAt = input.ExpiresAt,
            Permissions = input.Permissions,
            MetadataJson = input.MetadataJson,
            IsActive = input.IsActive,
            OwnerId = input.UserId,
        };
        var result = await keys.CreateAsync(request, creator, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case ApiKeyCreateStatus.Created:
                var email = await OwnerEmailAsync(result.Key!.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
                return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email), plain_key = result.PlainKey }, statusCode: StatusCodes.Status201Created);
            case ApiKeyCreateStatus.Forbidden:
                return SeedResults.Forbidden();
            default:
                errors.AddRange(result.Errors);
                return SeedResults.Invalid(errors);
        }
    }

    private static async Task<IResult> ListApiKeysAsync(ClaimsPrincipal caller, IApiKeyService keys, IServiceProvider services, CancellationToken cancellationToken)
    {
        var ownerId = caller.FindFirstValue(ClaimTypes.NameIdentifier);
        if (ownerId is null)
        {
            return SeedResults.Forbidden();
        }

        var email = await OwnerEmailAsync(ownerId, caller, services, cancellationToken).ConfigureAwait(false);
        var list = new List<Dictionary<string, object?>>();
        await foreach (var key in keys.ListAsync(ownerId, cancellationToken).ConfigureAwait(false))
        {
            list.Add(ApiKeyJson.Render(key, email, withUsage: true));
        }

        return Results.Json(new { api_keys = list });
    }

    private static async Task<IResult> SetActiveAsync(Guid uuid, bool isActive, ClaimsPrincipal caller, IApiKeyService keys, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await FindManageableAsync(uuid, caller, keys, cancellationToken).ConfigureAwait(false) is null)
        {
            return SeedResults.NotFound();
        }

        var updated = await keys.SetActiveAsync(uuid, isActive, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return SeedResults.NotFound();
        }

        var email = await OwnerEmailAsync(updated.OwnerId, caller, services, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { api_key = ApiKeyJson.Render(updated, email, withUsage: true) });
    }

    private static async Task<IResult> RollApiKeyAsync(Guid uuid, HttpContext context, IApiKeyService keys, IOptions<CredentialsEndpointOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        if (await FindManageableAsync(uuid, context.User, keys, cancellationToken).ConfigureAwait(false) is null)
        {
            return SeedResults.NotFound();
        }

        var grace = TimeSpan.Zero;
        if (context.Request.ContentLength is > 0)
        {
            var (document, error) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                return error!;
            }

            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("grace_period_seconds", out var seconds))
                {
                    if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt32(out var value) || value < 0)
                    {
                        return SeedResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", "grace_period_seconds", "The grace_period_seconds field must be a non-negative whole number.");
                    }

                    grace = TimeSpan.FromSeconds(value);
                }
            }
        }

        var result = await keys.RollAsync(uuid, grace, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return SeedResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", "uuid", $"The key cannot be rolled: {result.Status}.");
        }

        var email = await OwnerEmailAsync(result.Key.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email), plain_key = result.PlainKey });
    }

    private static async Task<IResult> DeleteApiKeyAsync(Guid uuid, ClaimsPrincipal caller, IApiKeyService keys, CancellationToken cancellationToken)
    {
        if (await FindManageableAsync(uuid, caller, keys, cancellationToken).ConfigureAwait(false) is null)
        {
            return SeedResults.NotFound();
        }

        return await keys.DeleteAsync(uuid, cancellationToken).ConfigureAwait(false) ? Results.NoContent() : SeedResults.NotFound();
    }

    /// <summary>A key the caller owns, or any key for a holder of <c>api.keys.create</c>. Others look absent, not forbidden.</summary>
    private static async Task<ApiKey?> FindManageableAsync(Guid uuid, ClaimsPrincipal caller, IApiKeyService keys, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(uuid, cancellationToken).ConfigureAwait(false);
        var mayManage = key is not null &&
            (key.OwnerId == caller.FindFirstValue(ClaimTypes.NameIdentifier) || caller.HasClaim(CredentialClaimTypes.Permission, ApiKeyPermissions.Create));
        return mayManage ? key : null;
    }

    private static ApiKeyCreator Creator(ClaimsPrincipal caller) => new()
    {
        UserId = caller.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        Permissions = caller.FindAll(CredentialClaimTypes.Permission).Select(c => c.Value).ToArray(),
    };

    /// <summary>The caller's own email from its claims; another owner's from the host's user directory, when it has one.</summary>
    private static async ValueTask<string?> OwnerEmailAsync(string ownerId, ClaimsPrincipal caller, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (ownerId == caller.FindFirstValue(ClaimTypes.NameIdentifier) && caller.FindFirstValue(ClaimTypes.Email) is { } own)
        {
            return own;
        }

        return services.GetService<IUserDirectory>() is { } directory
            ? (await directory.FindByIdAsync(ownerId, cancellationToken).ConfigureAwait(false))?.Email
            : null;
    }

    private static string? RequiredString(JsonElement root, string field, FieldErrors errors)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String &&
            value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        errors.Add(field, $"The {field} field is required.");
        return null;
    }
}
