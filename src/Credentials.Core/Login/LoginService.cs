using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Sessions;
using Credentials.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.Login;

/// <summary>
/// Composes the host's authenticator, the sessions and the JWT issuer. It alone counts password verifications, so a
/// login is counted once whichever <see cref="IUserAuthenticator"/> the host registers. Every login opens a session
/// whose id the JWT carries (<c>sid</c>), so logout can end it.
/// </summary>
internal sealed class LoginService : ILoginService
{
    private readonly IUserAuthenticator _authenticator;
    private readonly IJwtIssuer _issuer;
    private readonly ISessionService _sessions;
    private readonly IUserDirectory _directory;
    private readonly TimeProvider _time;
    private readonly CredentialsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SessionOptions _sessionOptions;
    private readonly TimeSpan _jwtLifetime;

    public LoginService(
        IUserAuthenticator authenticator,
        IJwtIssuer issuer,
        ISessionService sessions,
        IUserDirectory directory,
        TimeProvider time,
        IOptions<CredentialsOptions> options,
        CredentialsMetrics metrics,
        ILogger<LoginService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _authenticator = authenticator;
        _issuer = issuer;
        _sessions = sessions;
        _directory = directory;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _sessionOptions = options.Value.Sessions;
        _jwtLifetime = options.Value.Jwt.Lifetime;
    }

    /// <summary>False when the default issuer has no keys: nothing can be issued. A host's own issuer is taken as configured.</summary>
    private bool IssuerConfigured => _issuer is not JwtIssuer { IsConfigured: false };

    public async ValueTask<LoginResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        using var activity = CredentialsTracing.Start("credentials.login", CredentialKind.Password);
        // Refused before the password is checked: no token could be issued.
        if (!IssuerConfigured)
        {
            LoginLog.Refused(_logger, CredentialTags.Of(UserAuthenticationFailure.NotConfigured));
            return LoginResult.Failed(UserAuthenticationFailure.NotConfigured);
        }

        // Missing input is refused without calling the authenticator; its own length limits handle the rest.
        var authentication = string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password)
            ? UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidInput)
            : await _authenticator.AuthenticateAsync(username, password, cancellationToken).ConfigureAwait(false);

        if (!authentication.Succeeded)
        {
            var failure = authentication.Failure.Value;
            var reason = CredentialTags.Of(failure);
            _metrics.Rejected(CredentialKind.Password, reason);
            LoginLog.Refused(_logger, reason);
            return LoginResult.Failed(failure);
        }

        _metrics.Verified(CredentialKind.Password);
        var user = authentication.User;
        // With refresh tokens the session outlives its short JWTs; without, it lasts exactly as long as its one JWT.
        var sessionEnds = _time.GetUtcNow() + (_sessionOptions.EnableRefreshTokens ? _sessionOptions.RefreshTokenLifetime : _jwtLifetime);
        // Bound to the stamp the password was verified under, so a credential change after this read still ends it.
        var opened = await _sessions.OpenAsync(user.Id, sessionEnds, user.SecurityStamp, cancellationToken).ConfigureAwait(false);
        var jwt = _issuer.Issue(ToJwtSubject(user, opened.Session));
        LoginLog.LoggedIn(_logger, user.Id, opened.Session.Id, jwt.TokenId);
        return LoginResult.Success(user.Username, jwt.Token, jwt.ExpiresAt, opened.Session.Id, opened.RefreshToken);
    }

    public async ValueTask<LoginRefreshResult> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!IssuerConfigured)
        {
            return LoginRefreshResult.Failed(SessionRefreshFailure.NotEnabled);
        }

        var rotated = await _sessions.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (!rotated.Succeeded)
        {
            return LoginRefreshResult.Failed(rotated.Failure.Value);
        }

        // The JWT carries the user's claims as they are now, not as they were at login.
        var session = rotated.Session;
        var user = await _directory.FindByIdAsync(session.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            await _sessions.EndAsync(session.Id, cancellationToken).ConfigureAwait(false);
            return LoginRefreshResult.Failed(SessionRefreshFailure.UserUnavailable);
        }

        var jwt = _issuer.Issue(ToJwtSubject(user, session));
        LoginLog.Refreshed(_logger, user.Id, session.Id, jwt.TokenId);
        return LoginRefreshResult.Success(user.Username, jwt.Token, jwt.ExpiresAt, rotated.RefreshToken);
    }

    /// <summary>
    /// The user as the JWT room describes a subject: login is where the rooms meet. The token never outlives its session;
    /// with refresh tokens it lives <see cref="SessionOptions.AccessTokenLifetime"/> at most.
    /// </summary>
    private JwtSubject ToJwtSubject(AuthenticatedUser user, Session session) => new()
    {
        Id = user.Id,
        Name = user.Username,
        Email = user.Email,
        Permissions = user.Permissions,
        SessionId = session.Id,
        ExpiresAt = _sessionOptions.EnableRefreshTokens && _time.GetUtcNow() + _sessionOptions.AccessTokenLifetime < session.ExpiresAt
            ? _time.GetUtcNow() + _sessionOptions.AccessTokenLifetime
            : session.ExpiresAt,
    };
}
