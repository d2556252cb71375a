using System.Security.Claims;
using System.Text.Json;
using Credentials;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Users;
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
    private const string GracePeriodField = "grace_period_seconds";

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
        group.MapPost("/api/v1/api-keys/{uuid:guid}/deactivate", (Guid uuid, HttpContext context, IApiKeyService keys) =>
            SetActiveAsync(uuid, false, context, keys)).RequireAuthorization();
        group.MapPost("/api/v1/api-keys/{uuid:guid}/activate", (Guid uuid, HttpContext context, IApiKeyService keys) =>
            SetActiveAsync(uuid, true, context, keys)).RequireAuthorization();
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

            if (result.Failure == UserAuthenticationFailure.NotConfigured)
            {
                // Not 401 (the password was never checked) nor 503 (retrying never helps): this host has no login.
                return Results.Json(new { message = "Login is not available on this host." }, statusCode: StatusCodes.Status501NotImplemented);
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

    /// <summary>
    /// Seed <c>web-token.md</c>: authorised by an API key's current secret, whose uuid is the subject, so each key has one
    /// active token. A user, a web token or a secret in its grace period gets 403.
    /// </summary>
    private static async Task<IResult> IssueWebTokenAsync(HttpContext context, IApiKeyService keys)
    {
        var result = context.GetApiKeyActor() is { } actor
            ? await keys.IssueWebTokenAsync(actor, context.RequestAborted).ConfigureAwait(false)
            : null;
        return result?.Status switch
        {
            ApiKeyWebTokenStatus.Issued => Results.Json(new { success = true, data = new { token = result.Token!.Token, expiresAt = result.Token.ExpiresAtUnixSeconds } }),
            ApiKeyWebTokenStatus.KeyChanged => Results.Json(new { success = false, message = "The API key changed while the token was issued: authenticate again." }, statusCode: StatusCodes.Status401Unauthorized),
            _ => Results.Json(new { success = false, message = "A web token is issued to an API key presented by its current secret: authenticate with one." }, statusCode: StatusCodes.Status403Forbidden),
        };
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

        if (context.GetApiKeyActor() is not { } actor)
        {
            return SeedResults.Forbidden();
        }

        var request = new ApiKeyCreateRequest
        {
            Name = input.Name,
            ExpiresAt = input.ExpiresAt,
            Permissions = input.Permissions,
            MetadataJson = input.MetadataJson,
            IsActive = input.IsActive,
            OwnerId = input.UserId,
        };
        var result = await keys.CreateAsync(request, actor, cancellationToken).ConfigureAwait(false);
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

    private static async Task<IResult> ListApiKeysAsync(HttpContext context, IApiKeyService keys)
    {
        var cancellationToken = context.RequestAborted;
        var listed = context.GetApiKeyActor() is { } actor ? await keys.ListAsync(actor, cancellationToken).ConfigureAwait(false) : null;
        if (listed is not { Succeeded: true })
        {
            return SeedResults.Forbidden();
        }

        var list = new List<Dictionary<string, object?>>();
        foreach (var key in listed.Keys)
        {
            var email = await OwnerEmailAsync(key.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
            list.Add(ApiKeyJson.Render(key, email, withUsage: true));
        }

        return Results.Json(new { api_keys = list });
    }

    private static async Task<IResult> SetActiveAsync(Guid uuid, bool isActive, HttpContext context, IApiKeyService keys)
    {
        var cancellationToken = context.RequestAborted;
        if (context.GetApiKeyActor() is not { } actor)
        {
            return SeedResults.Forbidden();
        }

        var result = await keys.SetActiveAsync(uuid, isActive, actor, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return Refused(result.Status);
        }

        var email = await OwnerEmailAsync(result.Key.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email, withUsage: true) });
    }

    private static async Task<IResult> RollApiKeyAsync(Guid uuid, HttpContext context, IApiKeyService keys, IOptions<CredentialsEndpointOptions> endpointOptions, IOptions<CredentialsOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        if (context.GetApiKeyActor() is not { } actor)
        {
            return SeedResults.Forbidden();
        }

        var grace = TimeSpan.Zero;
        if (context.Request.ContentLength is > 0)
        {
            var (document, error) = await JsonBody.ReadAsync(context.Request, endpointOptions.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                return error!;
            }

            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty(GracePeriodField, out var seconds))
                {
                    if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt32(out var value) || value < 0)
                    {
                        return SeedResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", GracePeriodField, "The grace period seconds field must be a non-negative whole number.");
                    }

                    grace = TimeSpan.FromSeconds(value);
                }
            }
        }

        var result = await keys.RollAsync(uuid, grace, actor, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case ApiKeyRollStatus.Rolled:
                var email = await OwnerEmailAsync(result.Key!.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
                return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email), plain_key = result.PlainKey });
            case ApiKeyRollStatus.Forbidden:
                return SeedResults.Forbidden();
            case ApiKeyRollStatus.NotFound:
                return SeedResults.NotFound();
            case ApiKeyRollStatus.InvalidGracePeriod:
                var max = (long)options.Value.ApiKeys.MaxRollGracePeriod.TotalSeconds;
                return SeedResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", GracePeriodField, $"The grace period seconds field must not be greater than {max}.");
            case ApiKeyRollStatus.Conflict:
                return Results.Json(new { message = "The key changed while it was rolled; read it again." }, statusCode: StatusCodes.Status409Conflict);
            default:
                return SeedResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", "uuid", $"The key cannot be rolled: {result.Status}.");
        }
    }

    private static async Task<IResult> DeleteApiKeyAsync(Guid uuid, HttpContext context, IApiKeyService keys)
    {
        if (context.GetApiKeyActor() is not { } actor)
        {
            return SeedResults.Forbidden();
        }

        var result = await keys.DeleteAsync(uuid, actor, context.RequestAborted).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : Refused(result.Status);
    }

    private static IResult Refused(ApiKeyManagementStatus status) =>
        status == ApiKeyManagementStatus.Forbidden ? SeedResults.Forbidden() : SeedResults.NotFound();

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
