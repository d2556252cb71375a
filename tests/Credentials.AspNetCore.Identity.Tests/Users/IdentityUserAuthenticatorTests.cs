using Credentials.AspNetCore.Identity.Tests.Infrastructure;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Identity.Tests.Users;

/// <summary>The authenticator through <see cref="IUserAuthenticator"/>, as the login service calls it.</summary>
public sealed class IdentityUserAuthenticatorTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityHost.StartAsync(
        identity: o => o.SignIn.RequireConfirmedAccount = true,
        services: s => s.AddSingleton<IUserConfirmation<IdentityUser>, EmailNamedConfirmation>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuthenticateAsync_RightPassword_UserWithIdentitysIdAndStamp()
    {
        var id = await _host.CreateUserAsync("confirmed-alice", permissions: ["read"]);

        var result = await AuthenticateAsync("confirmed-alice", IdentityHost.Password);

        result.Succeeded.Should().BeTrue();
        result.RehashNeeded.Should().BeFalse("Identity rehashes during its own check");
        result.User!.Id.Should().Be(id);
        result.User.Permissions.Should().Equal("read");
        result.User.SecurityStamp.Should().Be(await _host.WithUserAsync("confirmed-alice", (users, user) => users.GetSecurityStampAsync(user)));
        result.User.ToString().Should().Contain("SecurityStamp = (redacted)").And.NotContain(result.User.SecurityStamp!);
    }

    [Theory]
    [InlineData("nobody", IdentityHost.Password, UserAuthenticationFailure.InvalidCredentials)]
    [InlineData("confirmed-alice", "Wrong-password-1", UserAuthenticationFailure.InvalidCredentials)]
    [InlineData("alice", IdentityHost.Password, UserAuthenticationFailure.ConfirmationRequired)]
    [InlineData("alice", "Wrong-password-1", UserAuthenticationFailure.InvalidCredentials)]
    public async Task AuthenticateAsync_RefusedLogins_ReasonAsDocumented(string username, string password, UserAuthenticationFailure expected)
    {
        await _host.CreateUserAsync("confirmed-alice");
        await _host.CreateUserAsync("alice");

        (await AuthenticateAsync(username, password)).Failure.Should().Be(expected);
    }

    [Fact]
    public async Task AuthenticateAsync_LockedOutUserWithRightPassword_NotAllowed()
    {
        await _host.CreateUserAsync("confirmed-alice", configure: (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));

        (await AuthenticateAsync("confirmed-alice", IdentityHost.Password)).Failure.Should().Be(UserAuthenticationFailure.NotAllowed);
    }

    [Fact]
    public async Task AuthenticateAsync_TwoFactorUser_TwoFactorRequiredAndTheFailureCountKept()
    {
        await _host.CreateUserAsync("confirmed-alice", configure: async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.AccessFailedAsync(user);
        });

        (await AuthenticateAsync("confirmed-alice", IdentityHost.Password)).Failure.Should().Be(UserAuthenticationFailure.TwoFactorRequired);
        (await _host.WithUserAsync("confirmed-alice", (users, user) => users.GetAccessFailedCountAsync(user))).Should().Be(1);
    }

    [Fact]
    public async Task AuthenticateAsync_UserWithoutPassword_InvalidCredentials()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            (await users.CreateAsync(new IdentityUser("confirmed-external"))).Succeeded.Should().BeTrue();
        }

        (await AuthenticateAsync("confirmed-external", "Any-password-1")).Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
    }

    private async Task<UserAuthenticationResult> AuthenticateAsync(string username, string password)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUserAuthenticator>().AuthenticateAsync(username, password, CancellationToken.None);
    }

    /// <summary>The host's own rule for a confirmed account (<c>RequireConfirmedAccount</c>): here, a name that says so.</summary>
    private sealed class EmailNamedConfirmation : IUserConfirmation<IdentityUser>
    {
        public Task<bool> IsConfirmedAsync(UserManager<IdentityUser> manager, IdentityUser user) =>
            Task.FromResult(user.UserName!.StartsWith("confirmed-", StringComparison.Ordinal));
    }
}
