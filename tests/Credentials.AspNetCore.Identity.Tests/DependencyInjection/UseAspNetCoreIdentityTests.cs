using System.Security.Claims;
using Credentials.Sessions;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Identity.Tests.DependencyInjection;

/// <summary><c>UseAspNetCoreIdentity&lt;TUser&gt;()</c>: what it registers, and the default permission mapping.</summary>
public sealed class UseAspNetCoreIdentityTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");

    public Task InitializeAsync() => _connection.OpenAsync();

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public void UseAspNetCoreIdentity_ReplacesTheAuthenticatorAndDirectoryAndAddsTheStampSource()
    {
        using var provider = Build(_ => { });
        using var scope = provider.CreateScope();

        scope.ServiceProvider.GetRequiredService<IUserAuthenticator>().GetType().Name.Should().StartWith("IdentityUserAuthenticator");
        scope.ServiceProvider.GetRequiredService<IUserDirectory>().GetType().Name.Should().StartWith("IdentityUserDirectory");
        provider.GetRequiredService<ISecurityStampSource>().GetType().Name.Should().StartWith("IdentitySecurityStampSource");
    }

    [Fact]
    public void UseAspNetCoreIdentity_BlankPermissionClaimType_RefusedNamingTheSetting()
    {
        using var provider = Build(o => o.PermissionClaimType = " ");

        var read = () => provider.GetRequiredService<IOptions<IdentityCredentialsOptions<IdentityUser>>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*PermissionClaimType*");
    }

    [Theory]
    [InlineData(null, new[] { "read" })]
    [InlineData("scope", new[] { "orders" })]
    public async Task FindByIdAsync_DefaultMapping_PermissionsAreTheClaimsOfTheConfiguredType(string? claimType, string[] expected)
    {
        using var provider = Build(o => o.PermissionClaimType = claimType ?? IdentityCredentialsOptions<IdentityUser>.DefaultPermissionClaimType);
        using var scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.EnsureCreatedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("alice");
        await users.CreateAsync(user);
        await users.AddClaimsAsync(user, [new Claim("permission", "read"), new Claim("scope", "orders"), new Claim("role", "writer")]);

        var found = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().FindByIdAsync(user.Id, CancellationToken.None);

        found!.Permissions.Should().Equal(expected);
        (await scope.ServiceProvider.GetRequiredService<IUserDirectory>().FindByIdAsync("no such id", CancellationToken.None)).Should().BeNull();
    }

    private ServiceProvider Build(Action<IdentityCredentialsOptions<IdentityUser>> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication(); // SignInManager needs the scheme provider; AddAspNetCore() adds it in a web host
        services.AddDbContext<IdentityDbContext>(o => o.UseSqlite(_connection));
        services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<IdentityDbContext>().AddSignInManager();
        services.AddCredentials().UseAspNetCoreIdentity(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
