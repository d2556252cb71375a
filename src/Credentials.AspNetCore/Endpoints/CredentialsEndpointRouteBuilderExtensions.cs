using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>
/// Maps the endpoints that speak the three API documents (login, web tokens, API keys), all at once at their documented
/// paths (<see cref="MapCredentialsEndpoints"/>) or one group at a time at paths of the host's choosing
/// (<c>MapLogin</c>, <c>MapSessions</c>, <c>MapWebTokens</c>, <c>MapApiKeys</c>, <c>MapAccessKeys</c>, <c>MapJwks</c>). Each returns its
/// builder, so the host adds tags, filters, rate limits or OpenAPI metadata. They need
/// <c>services.AddCredentials().AddAspNetCore()</c>.
/// </summary>
public static partial class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /auth/login</c>, <c>POST /auth/logout</c>, <c>POST /auth/logout-all</c>, <c>POST /auth/refresh</c>, <c>GET /web-token</c>, <c>POST/GET /api/v1/api-keys</c> (with deactivate,
    /// activate, roll and delete), <c>GET /v1.0/accesskeys</c> and <c>GET /.well-known/jwks.json</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <returns>The group holding every endpoint, for conventions that apply to all of them.</returns>
    public static RouteGroupBuilder MapCredentialsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        group.MapLogin();
        group.MapSessions();
        group.MapWebTokens();
        group.MapApiKeys();
        group.MapAccessKeys();
        group.MapJwks();
        return group;
    }
}
