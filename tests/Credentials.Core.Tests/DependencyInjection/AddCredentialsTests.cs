using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.Core.Tests.DependencyInjection;

public class AddCredentialsTests
{
    [Fact]
    public async Task AddCredentials_HostsScopedAuthenticatorThatIsADirectory_IsTheDirectoryWithoutACaptiveDependency()
    {
        var services = new ServiceCollection();
        services.AddScoped<IUserAuthenticator, ScopedDirectoryAuthenticator>();
        services.AddCredentials();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();

        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var keys = scope.ServiceProvider.GetRequiredService<IApiKeyService>();

        directory.Should().BeSameAs(scope.ServiceProvider.GetRequiredService<IUserAuthenticator>());
        (await keys.VerifyAsync("cc_live_x", CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.Malformed);
    }

    [Fact]
    public void AddCredentials_Defaults_ResolveAndReturnBuilderOverSameServices()
    {
        var services = new ServiceCollection();

        var builder = services.AddCredentials();

        builder.Services.Should().BeSameAs(services);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        provider.GetRequiredService<IOptions<CredentialsOptions>>().Value.Should().NotBeNull();
    }

    [Fact]
    public void AddCredentials_HostRegisteredTimeProviderFirst_HostsWins()
    {
        var services = new ServiceCollection();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(clock);

        services.AddCredentials();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(clock);
    }

    [Theory]
    [InlineData("p1", 16, "p1", "at least 32 random bytes")]
    [InlineData("p1", 32, "p2", "CurrentPepperId names 'p2'")]
    [InlineData("p 1", 32, "p 1", "1 to 32 ASCII letters or digits")]
    public void AddCredentials_BadPepper_FailsValidationNamingTheSetting(string id, int bytes, string current, string message)
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
        {
            o.Hashing.Peppers[id] = new byte[bytes];
            o.Hashing.CurrentPepperId = current;
        });

        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void AddCredentials_PeppersWithoutCurrent_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddCredentials(o => o.Hashing.Peppers["p1"] = new byte[32]);

        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<SecretHasher>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*CurrentPepperId must name*");
    }

    [Fact]
    public void AddCredentials_ConfigurationSection_BindsEverySection()
    {
        var services = new ServiceCollection();

        services.AddCredentials(Section(new()
        {
            ["Credentials:ApiKeys:Prefix"] = "cc_test_",
            ["Credentials:WebTokens:Lifetime"] = "00:10:00",
            ["Credentials:Passwords:Iterations"] = "700000",
            ["Credentials:Jwt:Issuer"] = "issuer",
            ["Credentials:Jwt:Audience"] = "audience",
            ["Credentials:Jwt:UseDevelopmentSigningKey"] = "true",
        }));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<CredentialsOptions>>().Value;
        options.ApiKeys.Prefix.Should().Be("cc_test_");
        options.WebTokens.Lifetime.Should().Be(TimeSpan.FromMinutes(10));
        options.Passwords.Iterations.Should().Be(700_000);
        options.Jwt.Issuer.Should().Be("issuer");
        options.Jwt.UseDevelopmentSigningKey.Should().BeTrue();
    }

    [Fact]
    public void AddCredentials_ConfigurationWithBadSetting_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddCredentials(Section(new() { ["Credentials:WebTokens:TokenBytes"] = "8" }));

        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Credentials:WebTokens:TokenBytes must be between 16 and 64*");
    }

    [Fact]
    public void AddCredentials_ConfigurationWithDefaultRateLimit_BindsIt()
    {
        var services = new ServiceCollection();
        services.AddCredentials(Section(new()
        {
            ["Credentials:ApiKeys:DefaultRateLimit:Name"] = "host",
            ["Credentials:ApiKeys:DefaultRateLimit:Limit"] = "600",
            ["Credentials:ApiKeys:DefaultRateLimit:Window"] = "00:01:00",
        }));

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<CredentialsOptions>>().Value.ApiKeys.DefaultRateLimit.Should().Be(
            new ApiKeyRateLimit { Name = "host", Limit = 600, Window = TimeSpan.FromMinutes(1) });
    }

    private static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Credentials");

    private sealed class ScopedDirectoryAuthenticator : IUserAuthenticator, IUserDirectory
    {
        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken) =>
            new(UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidCredentials));

        public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => new((AuthenticatedUser?)null);
    }
}
