using System.Net;
using Credentials.AspNetCore.Tests.Infrastructure;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class LogoutEndpointTests : IDisposable
{
    private readonly SampleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Logout_WithItsJwt_Answers204AndTheJwtStopsWorking()
    {
        var jwt = await _host.LoginAsync("alice");
        var otherLogin = await _host.LoginAsync("alice");
        using var client = _host.CreateClient(jwt);

        var response = await client.PostAsync("/auth/logout", null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(otherLogin)).Should().Be(HttpStatusCode.OK, "logout ends the current session only");
        _host.Logs.Lines.Should().Contain(line => line.Contains("session_ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogoutAll_WithAJwt_EndsEverySessionOfThatUserOnly()
    {
        var first = await _host.LoginAsync("alice");
        var second = await _host.LoginAsync("alice");
        var someoneElse = await _host.LoginAsync("bob");
        using var client = _host.CreateClient(first);

        var response = await client.PostAsync("/auth/logout-all", null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.WhoAmIStatusAsync(first)).Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(second)).Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(someoneElse)).Should().Be(HttpStatusCode.OK);
        (await _host.WhoAmIStatusAsync(await _host.LoginAsync("alice"))).Should().Be(HttpStatusCode.OK, "a new login opens a new session");
    }

    [Theory]
    [InlineData("/auth/logout")]
    [InlineData("/auth/logout-all")]
    public async Task Logout_Anonymous_Answers401(string path)
    {
        using var client = _host.CreateClient();

        (await client.PostAsync(path, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/auth/logout")]
    [InlineData("/auth/logout-all")]
    public async Task Logout_WithAnApiKey_Answers403AndEndsNothing(string path)
    {
        var jwt = await _host.LoginAsync("alice");
        var (key, _) = await _host.CreateKeyAsync("alice", "Key", "read");
        using var client = _host.CreateClient(key);

        var response = await client.PostAsync(path, null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task JwtWithoutSession_KeepsValidatingAndLogoutAnswers400()
    {
        // A token as issued before sessions existed, or by the host's own IJwtIssuer call: no sid.
        var issued = _host.Services.GetRequiredService<IJwtIssuer>().Issue(new JwtSubject { Id = "2", Name = "alice" });
        using var client = _host.CreateClient(issued.Token);

        (await _host.WhoAmIStatusAsync(issued.Token)).Should().Be(HttpStatusCode.OK);
        var logout = await client.PostAsync("/auth/logout", null);
        var logoutAll = await client.PostAsync("/auth/logout-all", null);

        logout.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await logout.ReadJsonAsync()).GetProperty("message").GetString().Should().Contain("no session");
        logoutAll.StatusCode.Should().Be(HttpStatusCode.NoContent, "the user is known by sub, so its sessions can be ended");
        (await _host.WhoAmIStatusAsync(issued.Token)).Should().Be(HttpStatusCode.OK, "a token without sid is checked as before: only its expiry ends it");
    }

    [Fact]
    public async Task Logout_Twice_SecondTimeTheTokenIsAlreadyRefused()
    {
        var jwt = await _host.LoginAsync("alice");
        using var client = _host.CreateClient(jwt);

        (await client.PostAsync("/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsync("/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
