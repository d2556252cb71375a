using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class RefreshEndpointTests : IDisposable
{
    private readonly SampleHost _host = new()
    {
        ConfigureServices = services => services.Configure<CredentialsOptions>(o => o.Sessions.EnableRefreshTokens = true),
    };

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Login_RefreshTokensOn_AnswersARefreshTokenBesideTheToken()
    {
        var body = await LoginAsync();

        body.PropertyNames().Should().BeEquivalentTo("username", "token", "refresh_token");
        body.GetProperty("refresh_token").GetString().Should().MatchRegex("^[0-9A-Za-z]{43}$");
    }

    [Fact]
    public async Task Refresh_CurrentToken_AnswersNewTokensThatWork()
    {
        var login = await LoginAsync();
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(login) });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("username", "token", "refresh_token");
        body.GetProperty("username").GetString().Should().Be("alice");
        RefreshToken(body).Should().NotBe(RefreshToken(login));
        (await _host.WhoAmIStatusAsync(body.GetProperty("token").GetString()!)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_SpentTokenAgain_Answers401AndEndsTheSession()
    {
        var login = await LoginAsync();
        using var client = _host.CreateClient();
        var refreshed = await (await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(login) })).ReadJsonAsync();

        var reuse = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(login) });

        reuse.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(refreshed.GetProperty("token").GetString()!)).Should().Be(HttpStatusCode.Unauthorized, "reuse ends the whole session");
        (await _host.WhoAmIStatusAsync(login.GetProperty("token").GetString()!)).Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(refreshed) })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_AfterLogout_Answers401()
    {
        var login = await LoginAsync();
        using var authenticated = _host.CreateClient(login.GetProperty("token").GetString()!);
        (await authenticated.PostAsync("/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(login) });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.ReadJsonAsync()).GetProperty("message").GetString().Should().Be("Invalid refresh token: log in again.");
    }

    [Theory]
    [InlineData("not-a-refresh-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("\u00e9\u00e9\u00e9")]
    public async Task Refresh_MalformedOrUnknownToken_Answers401(string token)
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = token });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_OversizedToken_Answers4xxNot500()
    {
        using var client = _host.CreateClient();

        var long_ = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = new string('A', 60_000) });
        var huge = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = new string('A', 100_000) });

        long_.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"refresh_token\": 5}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"refresh_token\": \"\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("[]", HttpStatusCode.UnprocessableEntity)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("{\"refresh_token\": \"\\ud800\"}", HttpStatusCode.BadRequest)]
    public async Task Refresh_BadBody_Answers4xx(string json, HttpStatusCode expected)
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsync("/auth/refresh", SampleHost.Json(json));

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Refresh_TokenInTheQueryString_IsNotRead()
    {
        var login = await LoginAsync();
        using var client = _host.CreateClient();

        var response = await client.PostAsync($"/auth/refresh?refresh_token={RefreshToken(login)}", SampleHost.Json("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task RefreshTokens_NeverLogged()
    {
        var login = await LoginAsync();
        using var client = _host.CreateClient();
        var refreshed = await (await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(login) })).ReadJsonAsync();
        await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = RefreshToken(login) });

        _host.Logs.Lines.Should().NotContain(line =>
            line.Contains(RefreshToken(login), StringComparison.Ordinal) || line.Contains(RefreshToken(refreshed), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_RefreshTokensOff_Answers501()
    {
        using var host = new SampleHost();
        using var client = host.CreateClient();

        var login = await (await client.PostAsJsonAsync("/auth/login", new { username = "alice", password = "alice-password" })).ReadJsonAsync();
        var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = new string('A', 43) });

        login.PropertyNames().Should().BeEquivalentTo("username", "token");
        response.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
    }

    private static string RefreshToken(JsonElement body) => body.GetProperty("refresh_token").GetString()!;

    private async Task<JsonElement> LoginAsync()
    {
        using var client = _host.CreateClient();
        var response = await client.PostAsJsonAsync("/auth/login", new { username = "alice", password = "alice-password" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }
}
