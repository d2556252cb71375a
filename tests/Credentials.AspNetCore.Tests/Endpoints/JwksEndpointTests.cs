using System.Net;
using System.Security.Claims;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class JwksEndpointTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;

    public JwksEndpointTests(SampleHost host) => _host = host;

    [Fact]
    public async Task Jwks_PublishesPublicEs256KeysOnly()
    {
        using var client = _host.CreateClient();

        var response = await client.GetAsync("/.well-known/jwks.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/jwk-set+json");
        var keys = (await response.ReadJsonAsync()).GetProperty("keys").EnumerateArray().ToList();
        keys.Should().NotBeEmpty();
        foreach (var key in keys)
        {
            key.GetProperty("kty").GetString().Should().Be("EC");
            key.GetProperty("kid").GetString().Should().NotBeNullOrEmpty();
            key.PropertyNames().Should().NotContain(["d", "p", "q", "dp", "dq", "qi", "k"]);
        }
    }

    /// <summary>Interop: a resource server using only ASP.NET Core's JwtBearer handler, keyed from our JWKS, accepts our tokens.</summary>
    [Fact]
    public async Task LoginToken_ValidatesWithAspNetCoreJwtBearerConfiguredFromJwks()
    {
        using var sample = _host.CreateClient();
        var jwks = new JsonWebKeySet(await sample.GetStringAsync("/.well-known/jwks.json"));
        var token = await _host.LoginAsync("alice");
        await using var resourceServer = await StartJwtBearerHostAsync(jwks);
        using var client = resourceServer.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await client.GetAsync("/me");
        var tampered = await WithBearer(resourceServer, token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("2");
        tampered.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpResponseMessage> WithBearer(WebApplication app, string token)
    {
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return await client.GetAsync("/me");
    }

    private static async Task<WebApplication> StartJwtBearerHostAsync(JsonWebKeySet jwks)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = "credentials-sample",
                ValidAudience = "credentials-sample",
                IssuerSigningKeys = jwks.GetSigningKeys(),
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            };
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Text(user.FindFirstValue("sub"))).RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
