#if NET10_0_OR_GREATER
using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Credentials.AspNetCore.OpenApi;

/// <summary>
/// Writes a Credentials scheme's transports into an OpenAPI document as security schemes, each only when the scheme's
/// options enable it, and names them as alternatives on every operation that needs a credential of that scheme.
/// Read from the options when the document is made, so the document says what the handler accepts.
/// </summary>
internal sealed class CredentialsSecuritySchemes(string authenticationScheme)
{
    public const string BearerId = "bearer";
    public const string AccessKeyQueryId = "accesskey";
    public const string TokenQueryId = "token";
    public const string ApiKeyHeaderId = "apiKeyHeader";

    public Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        foreach (var (id, scheme) in Schemes(OptionsFrom(context.ApplicationServices)))
        {
            document.Components.SecuritySchemes[id] = scheme;
        }

        return Task.CompletedTask;
    }

    public Task TransformOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!RequiresCredential(context.Description.ActionDescriptor.EndpointMetadata))
        {
            return Task.CompletedTask;
        }

        // One requirement per scheme: any one of them satisfies the operation.
        operation.Security ??= [];
        foreach (var (id, _) in Schemes(OptionsFrom(context.ApplicationServices)))
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(id, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }

    /// <summary>Authorization required, not waived, and not pinned to other schemes only.</summary>
    private bool RequiresCredential(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return false;
        }

        var authorization = metadata.OfType<IAuthorizeData>().ToList();
        return authorization.Count > 0 && authorization.All(a =>
            string.IsNullOrEmpty(a.AuthenticationSchemes) ||
            a.AuthenticationSchemes.Split(',', StringSplitOptions.TrimEntries).Contains(authenticationScheme, StringComparer.Ordinal));
    }

    private CredentialsAuthenticationOptions OptionsFrom(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CredentialsAuthenticationOptions>>().Get(authenticationScheme);

    private static IEnumerable<(string Id, OpenApiSecurityScheme Scheme)> Schemes(CredentialsAuthenticationOptions options)
    {
        yield return (BearerId, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key, a web token or a JWT: Authorization: Bearer <credential>.",
        });

        if (options.AcceptApiKeys && options.AllowApiKeyInQuery)
        {
            yield return (AccessKeyQueryId, Parameter(CredentialsAuthenticationDefaults.AccessKeyQueryParameter, ParameterLocation.Query, "An API key in the accesskey query parameter."));
        }

        if ((options.AcceptJwts && options.AllowJwtInQuery) || (options.AcceptWebTokens && options.AllowWebTokenInQuery))
        {
            yield return (TokenQueryId, Parameter(CredentialsAuthenticationDefaults.TokenQueryParameter, ParameterLocation.Query, "A JWT or a web token in the token query parameter."));
        }

        if (options.AcceptApiKeys && options.ApiKeyHeaderName is { } header)
        {
            yield return (ApiKeyHeaderId, Parameter(header, ParameterLocation.Header, $"An API key in the {header} header."));
        }
    }

    private static OpenApiSecurityScheme Parameter(string name, ParameterLocation location, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, Name = name, In = location, Description = description };
}
#endif
