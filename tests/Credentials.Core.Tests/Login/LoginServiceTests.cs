using Credentials.Core.Tests.Jwt;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Login;

public class LoginServiceTests
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly OneUserAuthenticator _authenticator = new();

    [Fact]
    public async Task LoginAsync_RightPassword_ReturnsUsernameTokenAndSevenDayExpiry()
    {
        using var host = Host(_time, o => o.SigningKeys.Add(Key("ES256")), _authenticator);
        using var scope = host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<ILoginService>().LoginAsync("alice", "correct horse", CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Username.Should().Be("alice");
        result.ExpiresAt.Should().Be(Start.AddDays(7));
        var validated = host.GetRequiredService<IJwtValidator>().Validate(result.Token);
        validated.Succeeded.Should().BeTrue();
        validated.Token!.Subject.Should().Be("user-1");
        result.ToString().Should().NotContain(result.Token).And.Contain("redacted");
    }

    [Theory]
    [InlineData("alice", "wrong", UserAuthenticationFailure.InvalidCredentials)]
    [InlineData("mallory", "correct horse", UserAuthenticationFailure.InvalidCredentials)]
    [InlineData("alice", "", UserAuthenticationFailure.InvalidInput)]
    [InlineData(null, "correct horse", UserAuthenticationFailure.InvalidInput)]
    [InlineData("alice", null, UserAuthenticationFailure.InvalidInput)]
    public async Task LoginAsync_Refused_ReturnsTheReasonAndNoToken(string? username, string? password, UserAuthenticationFailure expected)
    {
        using var host = Host(_time, o => o.SigningKeys.Add(Key("HS256")), _authenticator);
        using var scope = host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<ILoginService>().LoginAsync(username, password, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(expected);
        result.Token.Should().BeNull();
    }

    [Fact]
    public async Task LoginAsync_EmptyInput_NeverReachesTheAuthenticator()
    {
        using var host = Host(_time, o => o.SigningKeys.Add(Key("HS256")), _authenticator);
        using var scope = host.CreateScope();

        await scope.ServiceProvider.GetRequiredService<ILoginService>().LoginAsync("", "", CancellationToken.None);

        _authenticator.Calls.Should().Be(0);
    }

    [Fact]
    public async Task LoginAsync_TenMegabytePassword_RefusedWithoutThrowing()
    {
        using var host = Host(_time, o => o.SigningKeys.Add(Key("HS256")), _authenticator);
        using var scope = host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<ILoginService>().LoginAsync("alice", new string('x', 10_000_000), CancellationToken.None);

        result.Failure.Should().Be(UserAuthenticationFailure.InvalidInput);
    }

    [Fact]
    public async Task LoginAsync_NoJwtSettings_ReturnsNotConfiguredWithoutCheckingThePassword()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IUserAuthenticator>(_authenticator);
        services.AddCredentials();
        using var host = services.BuildServiceProvider();
        using var scope = host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<ILoginService>().LoginAsync("alice", "correct horse", CancellationToken.None);

        result.Failure.Should().Be(UserAuthenticationFailure.NotConfigured);
        result.Token.Should().BeNull();
        _authenticator.Calls.Should().Be(0);
    }

    /// <summary>A test double: one user, alice / "correct horse"; passwords over 1024 characters are invalid input.</summary>
    private sealed class OneUserAuthenticator : IUserAuthenticator
    {
        public int Calls { get; private set; }

        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
        {
            Calls++;
            var result = password.Length > 1024 ? UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidInput)
                : username == "alice" && password == "correct horse" ? UserAuthenticationResult.Success(LoginTestKit.Alice)
                : UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidCredentials);
            return ValueTask.FromResult(result);
        }
    }
}
