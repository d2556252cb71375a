using System.Net;
using Credentials.AspNetCore.Identity.Tests.Infrastructure;
using Credentials.Jwt;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Identity.Tests.Endpoints;

/// <summary><c>POST /auth/login</c> over Identity users in EF Core stores on SQLite.</summary>
public sealed class IdentityLoginEndpointTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await IdentityHost.StartAsync(identity: o => o.SignIn.RequireConfirmedEmail = false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_RightPassword_JwtCarriesTheMappedPermissions()
    {
        await _host.CreateUserAsync("alice", permissions: ["read"], roles: ["writer"]);

        var (token, _) = await _host.LoginForTokenAsync("alice");

        var validated = _host.Services.GetRequiredService<IJwtValidator>().Validate(token);
        validated.Succeeded.Should().BeTrue();
        validated.Token!.Permissions.Should().BeEquivalentTo("read", "write");
        validated.Token.Name.Should().Be("alice");
        validated.Token.Email.Should().Be("alice@example.com");
        (await _host.WhoAmIAsync(token)).Should().BeEquivalentTo((200, new[] { "read", "write" }));
    }

    [Fact]
    public async Task Login_UsernameInAnotherCase_FindsTheUserByIdentitysNormalizedName()
    {
        await _host.CreateUserAsync("alice");

        using var response = await _host.LoginAsync(" ALICE ");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WrongPassword_401AndIdentityCountsTheFailure()
    {
        await _host.CreateUserAsync("alice");

        using var response = await _host.LoginAsync("alice", "Wrong-password-1");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AccessFailedCountAsync("alice")).Should().Be(1);
    }

    [Fact]
    public async Task Login_RightPasswordAfterFailures_ResetsTheCount()
    {
        await _host.CreateUserAsync("alice");
        (await _host.LoginAsync("alice", "Wrong-password-1")).Dispose();

        (await _host.LoginAsync("alice")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await AccessFailedCountAsync("alice")).Should().Be(0);
    }

    [Fact]
    public async Task Login_AfterMaxFailedAccessAttempts_LockedOutUserIsRefusedEvenWithTheRightPassword()
    {
        await _host.CreateUserAsync("alice");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await _host.LoginAsync("alice", "Wrong-password-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await _host.WithUserAsync("alice", (users, user) => users.IsLockedOutAsync(user))).Should().BeTrue();
        using var locked = await _host.LoginAsync("alice");
        using var unknown = await _host.LoginAsync("nobody");

        locked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await locked.Content.ReadAsStringAsync()).Should().Be(await unknown.Content.ReadAsStringAsync(), "a lockout must not tell that the account exists");
    }

    [Fact]
    public async Task Login_UnknownUser_AnswersAsAWrongPassword()
    {
        await _host.CreateUserAsync("alice");

        using var unknown = await _host.LoginAsync("nobody");
        using var wrong = await _host.LoginAsync("alice", "Wrong-password-1");

        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await unknown.Content.ReadAsStringAsync()).Should().Be(await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_TwoFactorUserWithRightPassword_403TwoFactorRequiredAndNoToken()
    {
        await _host.CreateUserAsync("alice", configure: EnableTwoFactorAsync);

        using var response = await _host.LoginAsync("alice");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var body = await IdentityHost.ReadJsonAsync(response);
        body.GetProperty("error").GetString().Should().Be("two_factor_required");
        body.TryGetProperty("token", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Login_TwoFactorUserWithWrongPassword_401AsAnyWrongPassword()
    {
        await _host.CreateUserAsync("alice", configure: EnableTwoFactorAsync);

        using var response = await _host.LoginAsync("alice", "Wrong-password-1");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task EnableTwoFactorAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        (await users.ResetAuthenticatorKeyAsync(user)).Succeeded.Should().BeTrue();
        (await users.SetTwoFactorEnabledAsync(user, true)).Succeeded.Should().BeTrue();
    }

    private Task<int> AccessFailedCountAsync(string username) =>
        _host.WithUserAsync(username, (users, user) => users.GetAccessFailedCountAsync(user));
}
