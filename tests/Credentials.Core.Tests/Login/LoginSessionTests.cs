using Credentials.Core.Tests.Jwt;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Sessions;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Login;

public sealed class LoginSessionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly DirectoryAuthenticator _users = new();
    private ServiceProvider? _host;

    public void Dispose() => _host?.Dispose();

    [Fact]
    public async Task LoginAsync_Succeeded_OpensASessionTheJwtNamesWithAJti()
    {
        var host = Host(refreshTokens: false);

        var login = await LoginAsync(host);

        login.RefreshToken.Should().BeNull("refresh tokens are off by default");
        var token = host.GetRequiredService<IJwtValidator>().Validate(login.Token).Token!;
        token.SessionId.Should().Be(login.SessionId).And.MatchRegex("^[0-9a-f]{32}$");
        token.TokenId.Should().MatchRegex("^[0-9a-f]{32}$");
        var session = await host.GetRequiredService<ISessionStore>().FindAsync(login.SessionId!, CancellationToken.None);
        session!.UserId.Should().Be("user-1");
        session.ExpiresAt.Should().Be(login.ExpiresAt, "without refresh tokens a session lasts as long as its one JWT");
    }

    [Fact]
    public async Task LoginAsync_RefreshTokensOn_AnswersOneAndAShortJwtInsideALongSession()
    {
        var host = Host(refreshTokens: true);

        var login = await LoginAsync(host);

        login.RefreshToken.Should().MatchRegex("^[0-9A-Za-z]{43}$");
        login.ExpiresAt.Should().Be(Start.AddMinutes(15));
        login.ToString().Should().NotContain(login.RefreshToken);
        var session = await host.GetRequiredService<ISessionStore>().FindAsync(login.SessionId!, CancellationToken.None);
        session!.ExpiresAt.Should().Be(Start.AddDays(30));
    }

    [Fact]
    public async Task RefreshAsync_CurrentToken_IssuesAJwtOfTheSameSessionWithTheUsersCurrentClaims()
    {
        var host = Host(refreshTokens: true);
        var login = await LoginAsync(host);
        _users.User = _users.User with { Permissions = ["read"] };
        _time.Advance(TimeSpan.FromMinutes(14));

        var refreshed = await Refresh(host, login.RefreshToken);

        refreshed.Succeeded.Should().BeTrue();
        refreshed.Username.Should().Be("alice");
        refreshed.ExpiresAt.Should().Be(Start.AddMinutes(29));
        var token = host.GetRequiredService<IJwtValidator>().Validate(refreshed.Token).Token!;
        token.SessionId.Should().Be(login.SessionId);
        token.Permissions.Should().Equal("read");
        refreshed.ToString().Should().NotContain(refreshed.RefreshToken).And.NotContain(refreshed.Token);
    }

    [Fact]
    public async Task RefreshAsync_NearTheSessionsEnd_TheJwtEndsWithTheSession()
    {
        var host = Host(refreshTokens: true);
        var login = await LoginAsync(host);
        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(5));

        var refreshed = await Refresh(host, login.RefreshToken);

        refreshed.ExpiresAt.Should().Be(Start.AddDays(30));
    }

    [Fact]
    public async Task RefreshAsync_UserGone_EndsTheSession()
    {
        var host = Host(refreshTokens: true);
        var login = await LoginAsync(host);
        _users.Gone = true;

        var refreshed = await Refresh(host, login.RefreshToken);

        refreshed.Failure.Should().Be(SessionRefreshFailure.UserUnavailable);
        (await host.GetRequiredService<ISessionService>().CheckAsync(login.SessionId!, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
    }

    [Fact]
    public async Task RefreshAsync_RefreshTokensOff_RefusedAsNotEnabled()
    {
        var host = Host(refreshTokens: false);

        (await Refresh(host, new string('A', 43))).Failure.Should().Be(SessionRefreshFailure.NotEnabled);
    }

    private ServiceProvider Host(bool refreshTokens)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IUserAuthenticator>(_users);
        services.AddCredentials(o =>
        {
            o.Jwt.Issuer = Issuer;
            o.Jwt.Audience = Audience;
            o.Jwt.SigningKeys.Add(Key("ES256"));
            o.Sessions.EnableRefreshTokens = refreshTokens;
        });
        _host = services.BuildServiceProvider();
        return _host;
    }

    private static async Task<LoginResult> LoginAsync(ServiceProvider host)
    {
        using var scope = host.CreateScope();
        var login = await scope.ServiceProvider.GetRequiredService<ILoginService>().LoginAsync("alice", "correct horse", CancellationToken.None);
        login.Succeeded.Should().BeTrue();
        return login;
    }

    private static async Task<LoginRefreshResult> Refresh(ServiceProvider host, string? refreshToken)
    {
        using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ILoginService>().RefreshAsync(refreshToken, CancellationToken.None);
    }

    /// <summary>One user, alice / "correct horse", who can change or leave the directory between login and refresh.</summary>
    private sealed class DirectoryAuthenticator : IUserAuthenticator, IUserDirectory
    {
        public AuthenticatedUser User { get; set; } = LoginTestKit.Alice;

        public bool Gone { get; set; }

        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken) =>
            ValueTask.FromResult(username == "alice" && password == "correct horse" && !Gone
                ? UserAuthenticationResult.Success(User)
                : UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidCredentials));

        public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(!Gone && userId == User.Id ? User : null);
    }
}
