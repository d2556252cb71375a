using System.Diagnostics.CodeAnalysis;
using Credentials.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

public static partial class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the access-key listing of the authentication API: <c>GET</c> answers the keys the caller may manage, as
    /// <c>GET</c> on <see cref="MapApiKeys"/>' prefix does. Callers in that API present a key in <c>?accesskey=</c>,
    /// which lists keys only when the key carries <c>api.keys.manage.own</c> or <c>api.keys.manage</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <param name="pattern">The route; <c>/v1.0/accesskeys</c> by default.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapAccessKeys(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/v1.0/accesskeys")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, ListApiKeysAsync).RequireAuthorization().WithTags(EndpointDocumentation.ApiKeysTag).DocumentedAsKeyListing();
    }
}
