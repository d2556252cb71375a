using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.Core.Tests.Users;

public class PasswordLoginRegistrationTests
{
    [Fact]
    public async Task AddCredentials_Defaults_RegisterInMemoryAuthenticatorAndPbkdf2Hasher()
    {
        var services = new ServiceCollection();
        services.AddCredentials();
        await using var provider = services.BuildServiceProvider();

        var authenticator = provider.GetRequiredService<IUserAuthenticator>();
        authenticator.Should().BeSameAs(provider.GetRequiredService<InMemoryUserAuthenticator>());
        provider.GetRequiredService<IPasswordHasher>().Should().BeOfType<Pbkdf2PasswordHasher>();

        provider.GetRequiredService<InMemoryUserAuthenticator>().AddUser(new AuthenticatedUser { Id = "1", Username = "ann" }, "pw");
        var result = await authenticator.AuthenticateAsync("ann", "pw", CancellationToken.None);
        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task AddCredentials_HostAuthenticatorRegisteredFirst_HostsWins()
    {
        var services = new ServiceCollection();
        var own = new RefusingAuthenticator();
        services.AddSingleton<IUserAuthenticator>(own);
        services.AddCredentials();
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IUserAuthenticator>().Should().BeSameAs(own);
    }

    [Theory]
    [InlineData(99_999, 1024, "Credentials:Passwords:Iterations must be between 100000 and")]
    [InlineData(0, 1024, "Credentials:Passwords:Iterations")]
    [InlineData(600_000, 63, "Credentials:Passwords:MaxPasswordLength must be between 64 and 4096")]
    [InlineData(600_000, 10 * 1024 * 1024, "Credentials:Passwords:MaxPasswordLength")]
    public void AddCredentials_BadPasswordSettings_FailValidationNamingTheSetting(int iterations, int maxLength, string message)
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
        {
            o.Passwords.Iterations = iterations;
            o.Passwords.MaxPasswordLength = maxLength;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void AddCredentials_MinimumPasswordSettings_Validate()
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
        {
            o.Passwords.Iterations = PasswordHashingOptions.MinimumIterations;
            o.Passwords.MaxPasswordLength = PasswordHashingOptions.MinimumMaxPasswordLength;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<CredentialsOptions>>().Value.Passwords.Iterations.Should().Be(100_000);
    }

    private sealed class RefusingAuthenticator : IUserAuthenticator
    {
        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken) =>
            ValueTask.FromResult(UserAuthenticationResult.Failed(UserAuthenticationFailure.NotAllowed));
    }
}
