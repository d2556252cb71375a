using System.Net;
using Credentials.AspNetCore.Identity.Tests.Infrastructure;

namespace Credentials.AspNetCore.Identity.Tests.Endpoints;

/// <summary>A host whose Identity requires a confirmed email address before sign-in (<c>SignIn.RequireConfirmedEmail</c>).</summary>
public sealed class ConfirmedAccountLoginTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await IdentityHost.StartAsync(identity: o => o.SignIn.RequireConfirmedEmail = true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_UnconfirmedUserWithRightPassword_403ConfirmationRequired()
    {
        await _host.CreateUserAsync("alice");

        using var response = await _host.LoginAsync("alice");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await IdentityHost.ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("confirmation_required");
    }

    [Fact]
    public async Task Login_UnconfirmedUserWithWrongPassword_401AsAnyWrongPassword()
    {
        await _host.CreateUserAsync("alice");

        using var response = await _host.LoginAsync("alice", "Wrong-password-1");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "only a caller who proved the password learns the account is unconfirmed");
    }

    [Fact]
    public async Task Login_ConfirmedUser_200()
    {
        await _host.CreateUserAsync("alice", configure: async (users, user) =>
        {
            user.EmailConfirmed = true;
            (await users.UpdateAsync(user)).Succeeded.Should().BeTrue();
        });

        using var response = await _host.LoginAsync("alice");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
