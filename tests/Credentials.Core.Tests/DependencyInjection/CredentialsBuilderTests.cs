using Credentials.ApiKeys;
using Credentials.Core.Tests.ApiKeys;
using Credentials.Secrets;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Core.Tests.DependencyInjection;

public class CredentialsBuilderTests
{
    [Fact]
    public void UseApiKeyStore_AfterAddCredentials_ReplacesTheInMemoryStore()
    {
        var services = new ServiceCollection();

        services.AddCredentials().UseApiKeyStore<ProbeApiKeyStore>();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<IApiKeyStore>().Should().BeOfType<ProbeApiKeyStore>();
        scope.ServiceProvider.GetRequiredService<IApiKeyService>().Should().NotBeNull();
        services.Count(d => d.ServiceType == typeof(IApiKeyStore)).Should().Be(1);
    }

    [Fact]
    public void UseApiKeyStore_HostStoreRegisteredFirst_LastRegistrationWins()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IApiKeyStore>(new InMemoryApiKeyStore());

        services.AddCredentials().UseApiKeyStore<ProbeApiKeyStore>();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IApiKeyStore>().Should().BeOfType<ProbeApiKeyStore>();
    }

    [Fact]
    public void UseWebTokenStore_AfterAddCredentials_ReplacesTheInMemoryStore()
    {
        var services = new ServiceCollection();

        services.AddCredentials().UseWebTokenStore<NoWebTokenStore>();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IWebTokenStore>().Should().BeOfType<NoWebTokenStore>();
        provider.GetRequiredService<IWebTokenService>().Should().NotBeNull();
    }

    [Fact]
    public void UseUserAuthenticator_AuthenticatorThatIsADirectory_IsTheDirectoryToo()
    {
        var services = new ServiceCollection();

        services.AddCredentials().UseUserAuthenticator<DirectoryAuthenticator>();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();
        var authenticator = scope.ServiceProvider.GetRequiredService<IUserAuthenticator>();
        authenticator.Should().BeOfType<DirectoryAuthenticator>();
        scope.ServiceProvider.GetRequiredService<IUserDirectory>().Should().BeSameAs(authenticator);
    }

    [Fact]
    public void UseUserDirectory_AfterUseUserAuthenticator_TheDirectoryWins()
    {
        var services = new ServiceCollection();

        services.AddCredentials().UseUserAuthenticator<DirectoryAuthenticator>().UseUserDirectory<TestUserDirectory>();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IUserAuthenticator>().Should().BeOfType<DirectoryAuthenticator>();
        provider.GetRequiredService<IUserDirectory>().Should().BeOfType<TestUserDirectory>();
    }

    [Fact]
    public void UseUserDirectory_InMemoryAuthenticatorKept_ApiKeysReadTheHostsDirectory()
    {
        var services = new ServiceCollection();

        services.AddCredentials().UseUserDirectory<TestUserDirectory>();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IUserAuthenticator>().Should().BeOfType<InMemoryUserAuthenticator>();
        provider.GetRequiredService<IUserDirectory>().Should().BeOfType<TestUserDirectory>();
    }

    private sealed class NoWebTokenStore : IWebTokenStore
    {
        public ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken) => new((WebToken?)null);

        public ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken) => new(false);

        public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => new(0);
    }

    private sealed class DirectoryAuthenticator : IUserAuthenticator, IUserDirectory
    {
        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken) =>
            new(UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidCredentials));

        public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => new((AuthenticatedUser?)null);
    }
}
