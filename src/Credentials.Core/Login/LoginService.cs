using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Login;

/// <summary>
/// Composes the host's authenticator and the JWT issuer. It alone counts password verifications, so a login is
/// counted once whichever <see cref="IUserAuthenticator"/> the host registers.
/// </summary>
internal sealed class LoginService(
    IUserAuthenticator authenticator,
    IJwtIssuer issuer,
    CredentialsMetrics metrics,
    ILogger<LoginService>? logger = null) : ILoginService
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async ValueTask<LoginResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        using var activity = CredentialsTracing.Start("credentials.login", CredentialKind.Password);
        // Refused before the password is checked: no token could be issued. A host's own issuer is taken as configured.
        if (issuer is JwtIssuer { IsConfigured: false })
        {
            LoginLog.Refused(_logger, CredentialTags.Of(UserAuthenticationFailure.NotConfigured));
            return LoginResult.Failed(UserAuthenticationFailure.NotConfigured);
        }

        // Missing input is refused without calling the authenticator; its own length limits handle the rest.
        var authentication = string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password)
            ? UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidInput)
            : await authenticator.AuthenticateAsync(username, password, cancellationToken).ConfigureAwait(false);

        if (!authentication.Succeeded)
        {
            var failure = authentication.Failure.Value;
            var reason = CredentialTags.Of(failure);
            metrics.Rejected(CredentialKind.Password, reason);
            LoginLog.Refused(_logger, reason);
            return LoginResult.Failed(failure);
        }

        metrics.Verified(CredentialKind.Password);
        var user = authentication.User;
        var jwt = issuer.Issue(ToJwtSubject(user));
        LoginLog.LoggedIn(_logger, user.Id, jwt.TokenId);
        return LoginResult.Success(user.Username, jwt.Token, jwt.ExpiresAt);
    }

    /// <summary>The user as the JWT room describes a subject: login is where the two rooms meet.</summary>
    private static JwtSubject ToJwtSubject(AuthenticatedUser user) => new()
    {
        Id = user.Id,
        Name = user.Username,
        Email = user.Email,
        Permissions = user.Permissions,
    };
}
