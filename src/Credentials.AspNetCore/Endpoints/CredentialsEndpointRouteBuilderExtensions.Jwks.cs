using System.Diagnostics.CodeAnalysis;
using Credentials.AspNetCore.Endpoints;
using Credentials.Jwt;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

public static partial class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the JWT signing keys' public halves as a JWK set (<c>application/jwk-set+json</c>), for services that
    /// validate this host's JWTs themselves; <c>{"keys":[]}</c> when the host issues no JWTs. Anonymous.
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <param name="pattern">The route; <c>/.well-known/jwks.json</c> by default.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapJwks(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/.well-known/jwks.json")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, (JwtKeyRing ring) => Results.Text(ring.ExportJwks(), "application/jwk-set+json")).AllowAnonymous()
            .Documented(EndpointDocumentation.JwksTag, "The public JWT signing keys")
            .ProducesJwkSet();
    }
}
