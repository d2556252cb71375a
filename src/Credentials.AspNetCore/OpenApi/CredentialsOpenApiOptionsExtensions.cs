#if NET10_0_OR_GREATER
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.OpenApi;
using Microsoft.AspNetCore.OpenApi;

#pragma warning disable IDE0130 // Beside AddOpenApi(), so AddOpenApi(o => o.AddCredentialsSecuritySchemes()) needs no using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Describes the Credentials authentication scheme in the OpenAPI documents of <c>AddOpenApi()</c>.</summary>
public static class CredentialsOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds the default Credentials scheme's transports to the document as security schemes (<c>bearer</c> always;
    /// <c>accesskey</c> and <c>token</c> query parameters and the API-key header only where the scheme's options enable
    /// them), and requires them on every operation that needs authorization and does not name another scheme only.
    /// The endpoints' bodies, status codes and tags are endpoint metadata and need no call.
    /// </summary>
    /// <param name="options">The document's options, as <c>services.AddOpenApi(o => o.AddCredentialsSecuritySchemes())</c> passes them.</param>
    /// <returns>The same options.</returns>
    public static OpenApiOptions AddCredentialsSecuritySchemes(this OpenApiOptions options) =>
        options.AddCredentialsSecuritySchemes(CredentialsAuthenticationDefaults.AuthenticationScheme);

    /// <summary>As <see cref="AddCredentialsSecuritySchemes(OpenApiOptions)"/>, for the scheme added under <paramref name="authenticationScheme"/>.</summary>
    /// <param name="options">The document's options.</param>
    /// <param name="authenticationScheme">The name the scheme was added under (<c>AddAspNetCore(name, ...)</c>).</param>
    /// <returns>The same options.</returns>
    public static OpenApiOptions AddCredentialsSecuritySchemes(this OpenApiOptions options, string authenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        var schemes = new CredentialsSecuritySchemes(authenticationScheme);
        options.AddDocumentTransformer(schemes.TransformDocumentAsync);
        options.AddOperationTransformer(schemes.TransformOperationAsync);
        return options;
    }
}
#endif
