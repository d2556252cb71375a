using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Login;

public class LoginLoggingTests
{
    private const string Password = "correct horse";

    [Fact]
    public async Task LoginAndValidate_AtDebugLevel_NeverLogThePasswordOrTheToken()
    {
        using var host = Host(new FakeTimeProvider(Start), o => o.SigningKeys.Add(Key("HS256")));
        var logger = new CapturingLogger();
        var issuer = host.GetRequiredService<IJwtIssuer>();
        using var scope = host.CreateScope();
        var login = new LoginService(
            new AliceOnly(),
            issuer,
            host.GetRequiredService<Credentials.Sessions.ISessionService>(),
            scope.ServiceProvider.GetRequiredService<IUserDirectory>(),
            host.GetRequiredService<TimeProvider>(),
            host.GetRequiredService<Microsoft.Extensions.Options.IOptions<CredentialsOptions>>(),
            new CredentialsMetrics(),
            logger);
        var validator = new JwtValidator(
            JwtValidationPolicy.From(host.GetRequiredService<Microsoft.Extensions.Options.IOptions<CredentialsOptions>>().Value.Jwt),
            host.GetRequiredService<JwtKeyRing>(),
            new CredentialsMetrics(),
            logger,
            cacheSize: 0);

        var success = await login.LoginAsync("alice", Password, CancellationToken.None);
        await login.LoginAsync("alice", Password + "!", CancellationToken.None);
        validator.Validate(success.Token![..^2] + "AA");

        logger.Messages.Should().HaveCount(3).And.Contain(m => m.Contains("user-1", StringComparison.Ordinal));
        logger.Messages.Should().NotContain(m => m.Contains(Password, StringComparison.Ordinal) || m.Contains(success.Token!, StringComparison.Ordinal));
        logger.Messages.Should().NotContain(m => m.Contains(success.Token!.Split('.')[2], StringComparison.Ordinal), "not even the signature part");
    }

    private sealed class AliceOnly : IUserAuthenticator
    {
        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken) =>
            ValueTask.FromResult(password == Password
                ? UserAuthenticationResult.Success(LoginTestKit.Alice)
                : UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidCredentials));
    }

    private sealed class CapturingLogger : ILogger<LoginService>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
