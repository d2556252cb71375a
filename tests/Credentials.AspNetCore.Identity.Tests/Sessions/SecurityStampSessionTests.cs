using System.Net;
using System.Net.Http.Json;
using Credentials.AspNetCore.Identity.Tests.Infrastructure;

namespace Credentials.AspNetCore.Identity.Tests.Sessions;

/// <summary>
/// A session is bound to the security stamp its login read: once Identity gives the user a new one (a password change,
/// <c>UpdateSecurityStampAsync</c>), the JWT and the refresh token of every earlier login are refused.
/// </summary>
public sealed class SecurityStampSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private IdentityHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await IdentityHost.StartAsync(credentials: o => o.Sessions.EnableRefreshTokens = true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UpdateSecurityStamp_JwtRefusedOnceTheSessionIsCheckedAgain()
    {
        await _host.CreateUserAsync("alice");
        var (token, _) = await _host.LoginForTokenAsync("alice");
        (await _host.WhoAmIAsync(token)).Status.Should().Be(200);

        await _host.WithUserAsync("alice", (users, user) => users.UpdateSecurityStampAsync(user));

        (await _host.WhoAmIAsync(token)).Status.Should().Be(200, "the session's last answer is trusted for CheckInterval, as documented");
        _host.Clock.Advance(CheckInterval);
        (await _host.WhoAmIAsync(token)).Status.Should().Be(401);
        _host.Clock.Advance(CheckInterval);
        (await _host.WhoAmIAsync(token)).Status.Should().Be(401, "the session was ended, not only refused once");
    }

    [Fact]
    public async Task ChangePassword_OldLoginsRefusedAndTheNewPasswordLogsIn()
    {
        await _host.CreateUserAsync("alice");
        var (token, _) = await _host.LoginForTokenAsync("alice");

        (await _host.WithUserAsync("alice", (users, user) => users.ChangePasswordAsync(user, IdentityHost.Password, "New-password-2")))
            .Succeeded.Should().BeTrue();
        _host.Clock.Advance(CheckInterval);

        (await _host.WhoAmIAsync(token)).Status.Should().Be(401);
        using var fresh = await _host.LoginAsync("alice", "New-password-2");
        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
        var freshToken = (await IdentityHost.ReadJsonAsync(fresh)).GetProperty("token").GetString()!;
        (await _host.WhoAmIAsync(freshToken)).Status.Should().Be(200);
    }

    [Fact]
    public async Task UpdateSecurityStamp_RefreshTokenRefusedAtOnce()
    {
        await _host.CreateUserAsync("alice");
        var (_, refreshToken) = await _host.LoginForTokenAsync("alice");

        await _host.WithUserAsync("alice", (users, user) => users.UpdateSecurityStampAsync(user));

        using var response = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refresh reads the session from its store, and with it the stamp");
    }

    [Fact]
    public async Task UnchangedStamp_SessionOutlivesManyChecksAndRefreshes()
    {
        await _host.CreateUserAsync("alice");
        var (token, refreshToken) = await _host.LoginForTokenAsync("alice");

        _host.Clock.Advance(CheckInterval);
        (await _host.WhoAmIAsync(token)).Status.Should().Be(200);
        using var refreshed = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });

        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
