using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// JwtBearer's key source for an issuer that publishes only a JWKS (no discovery document): what
/// <see cref="ConfigurationManager{T}"/> does with a JWKS retriever, minus its wall-clock refresh timer, which a fake
/// clock cannot drive. The test says when the cached JWKS is fetched again (<see cref="RefreshAsync"/>), standing for
/// JwtBearer's own refresh every 12 hours; between refreshes it serves the document it has, as JwtBearer does.
/// </summary>
public sealed class JwksConfigurationManager(HttpClient client, Uri jwksUri, string issuer) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private OpenIdConnectConfiguration _current = new() { Issuer = issuer };

    /// <summary>How many times JwtBearer asked for a refresh (it does on a <c>kid</c> it does not know).</summary>
    public int RefreshRequests { get; private set; }

    public async Task RefreshAsync()
    {
        var keys = new JsonWebKeySet(await client.GetStringAsync(jwksUri));
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        _current = configuration;
    }

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => Task.FromResult(_current);

    public void RequestRefresh() => RefreshRequests++;
}
