using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Tests.Infrastructure;
using Credentials.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>Mapping all endpoints at their documented paths, or one group at a time where a host wants them.</summary>
public sealed class EndpointMappingTests
{
    [Fact]
    public async Task MapCredentialsEndpoints_Default_MapsTheDocumentedRoutes()
    {
        await using var app = await StartAsync(app => app.MapCredentialsEndpoints());

        Routes(app).Order(StringComparer.Ordinal).Should().Equal(new[]
        {
            "POST /auth/login",
            "POST /auth/logout",
            "POST /auth/logout-all",
            "POST /auth/refresh",
            "GET /web-token",
            "POST /api/v1/api-keys",
            "GET /api/v1/api-keys",
            "POST /api/v1/api-keys/{uuid:guid}/deactivate",
            "POST /api/v1/api-keys/{uuid:guid}/activate",
            "POST /api/v1/api-keys/{uuid:guid}/roll",
            "PATCH /api/v1/api-keys/{uuid:guid}",
            "DELETE /api/v1/api-keys/{uuid:guid}",
            "GET /v1.0/accesskeys",
            "GET /.well-known/jwks.json",
        }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MapGroups_HostsOwnPaths_AnswerThereAndNotAtTheDefaults()
    {
        await using var app = await StartAsync(app =>
        {
            var identity = app.MapGroup("/identity");
            identity.MapLogin();
            identity.MapJwks("/jwks");
            app.MapApiKeys("/keys");
        });
        using var client = app.GetTestClient();

        var login = await client.PostAsJsonAsync("/identity/auth/login", new { username = "ann", password = "ann-password" });
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJsonAsync()).GetProperty("token").GetString());
        var created = await client.PostAsJsonAsync("/keys", new { name = "mine" });
        var listed = await client.GetAsync("/keys");
        var jwks = await client.GetAsync("/identity/jwks");
        var defaultLogin = await client.PostAsJsonAsync("/auth/login", new { username = "ann", password = "ann-password" });
        var defaultKeys = await client.GetAsync("/api/v1/api-keys");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await listed.ReadJsonAsync()).GetProperty("api_keys").GetArrayLength().Should().Be(1);
        jwks.StatusCode.Should().Be(HttpStatusCode.OK);
        defaultLogin.StatusCode.Should().Be(HttpStatusCode.NotFound);
        defaultKeys.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MapSessions_HostsOwnPrefix_LogoutAnswersThereAndNotAtTheDefault()
    {
        await using var app = await StartAsync(app =>
        {
            app.MapLogin();
            app.MapGroup("/identity").MapSessions();
            app.MapGet("/protected", () => "ok").RequireAuthorization();
        });
        using var client = app.GetTestClient();
        var login = await client.PostAsJsonAsync("/auth/login", new { username = "ann", password = "ann-password" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJsonAsync()).GetProperty("token").GetString());

        var atDefault = await client.PostAsync("/auth/logout", null);
        var logout = await client.PostAsync("/identity/auth/logout", null);
        var afterwards = await client.GetAsync("/protected");

        atDefault.StatusCode.Should().Be(HttpStatusCode.NotFound);
        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MapApiKeys_HostsFilterAndTags_ApplyToTheGroupOnly()
    {
        await using var app = await StartAsync(app =>
        {
            app.MapLogin();
            app.MapApiKeys()
                .WithTags("keys")
                .AddEndpointFilter(async (context, next) =>
                {
                    context.HttpContext.Response.Headers["X-Filtered"] = "yes";
                    return await next(context);
                });
        });
        using var client = app.GetTestClient();
        var login = await client.PostAsJsonAsync("/auth/login", new { username = "ann", password = "ann-password" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJsonAsync()).GetProperty("token").GetString());

        var listed = await client.GetAsync("/api/v1/api-keys");

        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        listed.Headers.GetValues("X-Filtered").Should().Equal("yes");
        login.Headers.Contains("X-Filtered").Should().BeFalse();
        Endpoints(app).Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/api-keys", StringComparison.Ordinal))
            .Should().HaveCount(7).And.OnlyContain(e => e.Metadata.GetMetadata<ITagsMetadata>()!.Tags.Contains("keys"));
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Services.AddCredentials(o =>
        {
            o.Jwt.Issuer = "issuer";
            o.Jwt.Audience = "audience";
            o.Jwt.UseDevelopmentSigningKey = true;
        }).AddAspNetCore();
        var app = builder.Build();
        app.Services.GetRequiredService<InMemoryUserAuthenticator>().AddUser(
            new AuthenticatedUser { Id = "1", Username = "ann", Permissions = [ApiKeyPermissions.CreateOwn] }, "ann-password");
        app.UseAuthentication();
        app.UseAuthorization();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static IEnumerable<RouteEndpoint> Endpoints(WebApplication app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static IEnumerable<string> Routes(WebApplication app) => Endpoints(app).Select(e =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}");
}
