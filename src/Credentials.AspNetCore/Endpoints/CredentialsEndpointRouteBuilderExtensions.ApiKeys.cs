using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text.Json;
using Credentials;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Endpoints;
using Credentials.AspNetCore.Endpoints.Bodies;
using Credentials.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

public static partial class CredentialsEndpointRouteBuilderExtensions
{
    private const string GracePeriodField = "grace_period_seconds";

    /// <summary>
    /// Maps the API-key routes under <paramref name="prefix"/>: <c>POST</c> creates a key (the API-key creation API),
    /// <c>GET</c> lists the keys the caller may manage, and <c>POST {uuid}/deactivate</c>, <c>POST {uuid}/activate</c>,
    /// <c>POST {uuid}/roll</c>, <c>PATCH {uuid}</c> (rate limits and credits) and <c>DELETE {uuid}</c> manage one. Every route needs an authenticated caller;
    /// <see cref="IApiKeyService"/> decides what the actor <see cref="CredentialsHttpContextExtensions.GetApiKeyActor"/>
    /// returns may do.
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <param name="prefix">The routes' common prefix; <c>/api/v1/api-keys</c> by default.</param>
    /// <returns>The group holding the routes.</returns>
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/api/v1/api-keys")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);

        // Full patterns in a group without a prefix: a group prefix would make the collection's own route
        // "/api/v1/api-keys/" (trailing slash) in route metadata and OpenAPI documents.
        var root = prefix.TrimEnd('/');
        var collection = root.Length == 0 ? "/" : root;
        // The tag on the group, before the host's conventions on it, so a host's own tag comes last and wins.
        var group = endpoints.MapGroup(string.Empty).WithTags(EndpointDocumentation.ApiKeysTag);
        group.MapPost(collection, CreateApiKeyAsync).RequireAuthorization()
            .WithSummary("Create an API key: its secret is in this answer only")
            .AcceptsJson<ApiKeyCreateRequestBody>()
            .ProducesApiKeyWithSecret(StatusCodes.Status201Created)
            .ProducesCredentialRefusals()
            .ProducesMessage(StatusCodes.Status403Forbidden);
        group.MapGet(collection, ListApiKeysAsync).RequireAuthorization().DocumentedAsKeyListing();
        group.MapPost(root + "/{uuid:guid}/deactivate", (Guid uuid, HttpContext context, IApiKeyService keys) =>
            SetActiveAsync(uuid, false, context, keys)).RequireAuthorization()
            .WithSummary("Deactivate an API key (its web token ends)")
            .ProducesApiKey()
            .ProducesKeyManagementRefusals();
        group.MapPost(root + "/{uuid:guid}/activate", (Guid uuid, HttpContext context, IApiKeyService keys) =>
            SetActiveAsync(uuid, true, context, keys)).RequireAuthorization()
            .WithSummary("Activate an API key")
            .ProducesApiKey()
            .ProducesKeyManagementRefusals();
        group.MapPost(root + "/{uuid:guid}/roll", RollApiKeyAsync).RequireAuthorization()
            .WithSummary("Roll an API key's secret, keeping the old one for an optional grace period")
            .AcceptsJson<ApiKeyRollRequestBody>(isOptional: true)
            .ProducesApiKeyWithSecret(StatusCodes.Status200OK)
            .ProducesKeyManagementRefusals()
            .ProducesMessage(StatusCodes.Status409Conflict);
        group.MapPatch(root + "/{uuid:guid}", UpdateApiKeyMeteringAsync).RequireAuthorization()
            .WithSummary("Change an API key's rate limits and usage credits")
            .AcceptsJson<ApiKeyMeteringRequestBody>()
            .ProducesApiKey()
            .ProducesKeyManagementRefusals();
        group.MapDelete(root + "/{uuid:guid}", DeleteApiKeyAsync).RequireAuthorization()
            .WithSummary("Delete an API key (its web token ends)")
            .ProducesNoContent()
            .ProducesKeyManagementRefusals();
        return group;
    }

    /// <summary>The key listing's contract, shared by <see cref="MapApiKeys"/> and <see cref="MapAccessKeys"/>.</summary>
    private static RouteHandlerBuilder DocumentedAsKeyListing(this RouteHandlerBuilder builder) =>
        builder.WithSummary("List the API keys the caller may manage")
            .ProducesApiKeyList()
            .ProducesCredentialRefusals()
            .ProducesMessage(StatusCodes.Status403Forbidden);

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
            return ApiErrorResults.Invalid(errors);
        }

        if (context.GetApiKeyActor() is not { } actor)
        {
            return ApiErrorResults.Forbidden();
        }

        var request = new ApiKeyCreateRequest
        {
            Name = input.Name,
            ExpiresAt = input.ExpiresAt,
            Permissions = input.Permissions,
            MetadataJson = input.MetadataJson,
            IsActive = input.IsActive,
            OwnerId = input.UserId,
            RateLimits = input.RateLimits,
            Credits = input.Credits,
        };
        var result = await keys.CreateAsync(request, actor, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var email = await OwnerEmailAsync(result.Key.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email), plain_key = result.PlainKey }, statusCode: StatusCodes.Status201Created);
        }

        if (result.Failure == ApiKeyCreateFailure.Forbidden)
        {
            return ApiErrorResults.Forbidden();
        }

        errors.AddRange(result.Errors);
        return ApiErrorResults.Invalid(errors);
    }

    private static async Task<IResult> ListApiKeysAsync(HttpContext context, IApiKeyService keys)
    {
        var cancellationToken = context.RequestAborted;
        var listed = context.GetApiKeyActor() is { } actor ? await keys.ListAsync(actor, cancellationToken).ConfigureAwait(false) : null;
        if (listed is not { Succeeded: true })
        {
            return ApiErrorResults.Forbidden();
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
            return ApiErrorResults.Forbidden();
        }

        var result = await keys.SetActiveAsync(uuid, isActive, actor, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return Refused(result.Failure.Value);
        }

        var email = await OwnerEmailAsync(result.Key.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email, withUsage: true) });
    }

    private static async Task<IResult> RollApiKeyAsync(Guid uuid, HttpContext context, IApiKeyService keys, IOptions<CredentialsEndpointOptions> endpointOptions, IOptions<CredentialsOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        if (context.GetApiKeyActor() is not { } actor)
        {
            return ApiErrorResults.Forbidden();
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
                        return ApiErrorResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", GracePeriodField, "The grace period seconds field must be a non-negative whole number.");
                    }

                    grace = TimeSpan.FromSeconds(value);
                }
            }
        }

        var result = await keys.RollAsync(uuid, grace, actor, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var email = await OwnerEmailAsync(result.Key.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email), plain_key = result.PlainKey });
        }

        switch (result.Failure)
        {
            case ApiKeyRollFailure.Forbidden:
                return ApiErrorResults.Forbidden();
            case ApiKeyRollFailure.NotFound:
                return ApiErrorResults.NotFound();
            case ApiKeyRollFailure.InvalidGracePeriod:
                var max = (long)options.Value.ApiKeys.MaxRollGracePeriod.TotalSeconds;
                return ApiErrorResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", GracePeriodField, $"The grace period seconds field must not be greater than {max}.");
            case ApiKeyRollFailure.Conflict:
                return Results.Json(new { message = "The key changed while it was rolled; read it again." }, statusCode: StatusCodes.Status409Conflict);
            default:
                return ApiErrorResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", "uuid", $"The key cannot be rolled: {result.Failure}.");
        }
    }

    private static async Task<IResult> UpdateApiKeyMeteringAsync(Guid uuid, HttpContext context, IApiKeyService keys, IOptions<CredentialsEndpointOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        var (document, error) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        ApiKeyMeteringRequest? request;
        var errors = new FieldErrors();
        using (document)
        {
            request = ApiKeyMeteringJson.ReadChange(document.RootElement, errors);
        }

        if (request is null)
        {
            return ApiErrorResults.Invalid(errors);
        }

        if (context.GetApiKeyActor() is not { } actor)
        {
            return ApiErrorResults.Forbidden();
        }

        var result = await keys.UpdateMeteringAsync(uuid, request, actor, cancellationToken).ConfigureAwait(false);
        switch (result.Failure)
        {
            case null:
                var email = await OwnerEmailAsync(result.Key!.OwnerId, context.User, context.RequestServices, cancellationToken).ConfigureAwait(false);
                return Results.Json(new { api_key = ApiKeyJson.Render(result.Key, email, withUsage: true) });
            case ApiKeyMeteringFailure.Forbidden:
                return ApiErrorResults.Forbidden();
            case ApiKeyMeteringFailure.NotFound:
                return ApiErrorResults.NotFound();
            default:
                errors.AddRange(result.Errors);
                return ApiErrorResults.Invalid(errors);
        }
    }

    private static async Task<IResult> DeleteApiKeyAsync(Guid uuid, HttpContext context, IApiKeyService keys)
    {
        if (context.GetApiKeyActor() is not { } actor)
        {
            return ApiErrorResults.Forbidden();
        }

        var result = await keys.DeleteAsync(uuid, actor, context.RequestAborted).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : Refused(result.Failure.Value);
    }

    private static IResult Refused(ApiKeyManagementFailure failure) =>
        failure == ApiKeyManagementFailure.Forbidden ? ApiErrorResults.Forbidden() : ApiErrorResults.NotFound();

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
}
