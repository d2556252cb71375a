using Credentials.AspNetCore.Endpoints.Bodies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// What an endpoint reads and answers, as endpoint metadata that OpenAPI generators read (Microsoft.AspNetCore.OpenApi,
/// Swashbuckle, NSwag): one method per body shape or family of refusals, so a new endpoint states its contract in a
/// line per answer. Metadata only: the endpoints read their bodies by hand and answer as before.
/// </summary>
internal static class EndpointDocumentation
{
    public const string LoginTag = "Credentials: login";
    public const string SessionsTag = "Credentials: sessions";
    public const string WebTokensTag = "Credentials: web tokens";
    public const string ApiKeysTag = "Credentials: API keys";
    public const string JwksTag = "Credentials: JWKS";

    private const string Json = "application/json";

    /// <summary>The tag and summary of an endpoint mapped alone; a group's endpoints take the tag from their group.</summary>
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder, string tag, string summary) =>
        builder.WithTags(tag).WithSummary(summary);

    /// <summary>A JSON body read by <see cref="JsonBody"/>, and its refusals: 400 (not JSON), 413 (too large), 422 (fields).</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder, bool isOptional = false)
        where TBody : notnull =>
        builder.Accepts<TBody>(isOptional, Json)
            .Produces<FieldErrorsBody>(StatusCodes.Status400BadRequest)
            .Produces<FieldErrorsBody>(StatusCodes.Status413PayloadTooLarge)
            .Produces<FieldErrorsBody>(StatusCodes.Status422UnprocessableEntity);

    /// <summary>
    /// The authentication handler's answers on an endpoint that needs a credential: 401 with a <c>WWW-Authenticate</c>
    /// challenge and no body, and 429 with <c>Retry-After</c> when a metered API key has spent its budget.
    /// </summary>
    public static RouteHandlerBuilder ProducesCredentialRefusals(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status429TooManyRequests);

    /// <summary>A key-management refusal: 403 when the actor manages nothing, 404 when the key is out of its reach.</summary>
    public static RouteHandlerBuilder ProducesKeyManagementRefusals(this RouteHandlerBuilder builder) =>
        builder.ProducesCredentialRefusals().ProducesMessage(StatusCodes.Status403Forbidden).ProducesMessage(StatusCodes.Status404NotFound);

    public static RouteHandlerBuilder ProducesMessage(this RouteHandlerBuilder builder, int statusCode) =>
        builder.Produces<MessageBody>(statusCode, Json);

    public static RouteHandlerBuilder ProducesMessageAndError(this RouteHandlerBuilder builder, int statusCode) =>
        builder.Produces<MessageAndErrorBody>(statusCode, Json);

    public static RouteHandlerBuilder ProducesNoContent(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent);

    public static RouteHandlerBuilder ProducesTokens(this RouteHandlerBuilder builder) =>
        builder.Produces<TokenResponseBody>(StatusCodes.Status200OK, Json);

    public static RouteHandlerBuilder ProducesApiKey(this RouteHandlerBuilder builder) =>
        builder.Produces<ApiKeyResponseBody>(StatusCodes.Status200OK, Json);

    public static RouteHandlerBuilder ProducesApiKeyWithSecret(this RouteHandlerBuilder builder, int statusCode) =>
        builder.Produces<ApiKeySecretResponseBody>(statusCode, Json);

    public static RouteHandlerBuilder ProducesApiKeyList(this RouteHandlerBuilder builder) =>
        builder.Produces<ApiKeyListResponseBody>(StatusCodes.Status200OK, Json);

    public static RouteHandlerBuilder ProducesWebToken(this RouteHandlerBuilder builder) =>
        builder.Produces<WebTokenResponseBody>(StatusCodes.Status200OK, Json);

    public static RouteHandlerBuilder ProducesWebTokenRefusal(this RouteHandlerBuilder builder, int statusCode) =>
        builder.Produces<WebTokenFailureBody>(statusCode, Json);

    public static RouteHandlerBuilder ProducesJwkSet(this RouteHandlerBuilder builder) =>
        builder.Produces<JwkSetBody>(StatusCodes.Status200OK, "application/jwk-set+json");
}
