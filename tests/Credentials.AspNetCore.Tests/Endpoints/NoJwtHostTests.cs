using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Credentials.ApiKeys;
using Credentials.Users;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>A host that uses only API keys and web tokens: no Credentials:Jwt settings at all.</summary>
public sealed class NoJwtHostTests : IAsyncLifetime
{
    // A well-formed HS256 token (RFC 7515 A.1 shape): the handler sends it to the JWT validator.
    private const string JwtShaped =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private readonly CapturedLogs _logs = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddCredentials().AddAspNetCore();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/hello", () => "hello");
        _app.MapGet("/protected", () => "protected").RequireAuthorization();
        _app.MapCredentialsEndpoints();
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_AnonymousRequest_Answers200()
    {
        using var client = _app.GetTestClient();

        var response = await client.GetAsync("/hello");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ProtectedEndpoint_ApiKeyAndItsWebToken_Answer200()
    {
        var apiKey = await CreateKeyAsync();
        using var keyClient = Client(apiKey);
        var issued = await keyClient.GetAsync("/web-token");
        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        var webToken = (await issued.ReadJsonAsync()).GetProperty("data").GetProperty("token").GetString()!;
        using var tokenClient = Client(webToken);

        var byKey = await keyClient.GetAsync("/protected");
        var byToken = await tokenClient.GetAsync("/protected");

        byKey.StatusCode.Should().Be(HttpStatusCode.OK);
        byToken.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListKeys_JwtShapedCredential_Answers401AndLogsNotConfigured(bool inQuery)
    {
        using var client = inQuery ? _app.GetTestClient() : Client(JwtShaped);

        var response = await client.GetAsync(inQuery ? $"/v1.0/accesskeys?token={JwtShaped}" : "/v1.0/accesskeys");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        _logs.Lines.Should().Contain(l => l.Contains("Credential rejected: jwt not_configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_NoJwtSettings_Answers501SayingLoginIsUnavailable()
    {
        using var client = _app.GetTestClient();

        var response = await client.PostAsJsonAsync("/auth/login", new { username = "admin", password = "admin-password" });

        response.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        (await response.ReadJsonAsync()).GetProperty("message").GetString().Should().Contain("not available");
    }

    [Fact]
    public async Task Jwks_NoJwtSettings_AnswersAnEmptyKeySet()
    {
        using var client = _app.GetTestClient();

        var response = await client.GetAsync("/.well-known/jwks.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"keys":[]}""");
    }

    private async Task<string> CreateKeyAsync()
    {
        var keys = _app.Services.GetRequiredService<IApiKeyService>();

        // The key's owner, known to the directory its grant is bounded by.
        _app.Services.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "svc-1", Username = "svc-1", Permissions = [ApiKeyPermissions.CreateOwn] }, "unused");
        var created = await keys.CreateAsync(
            new ApiKeyCreateRequest { Name = "service" }, ApiKeyActor.User("svc-1", [ApiKeyPermissions.CreateOwn]), CancellationToken.None);
        return created.PlainKey!;
    }

    private HttpClient Client(string bearer)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }
}
