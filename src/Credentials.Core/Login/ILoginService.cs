using Credentials.Users;

namespace Credentials.Login;

/// <summary>Password login that answers with a JWT, and its refresh: the <c>POST /auth/login</c> and <c>POST /auth/refresh</c> contracts, without the HTTP.</summary>
public interface ILoginService
{
    /// <summary>
    /// Checks <paramref name="username"/> and <paramref name="password"/> with the host's
    /// <see cref="IUserAuthenticator"/> and, when they are right, issues a JWT. Refusals are results, never exceptions.
    /// </summary>
    ValueTask<LoginResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken);

    /// <summary>
    /// Spends a refresh token for a new JWT (with the user's current claims, read from <see cref="IUserDirectory"/>)
    /// and the refresh token that replaces it. A spent token presented again ends its session. Refusals are results.
    /// </summary>
    ValueTask<LoginRefreshResult> RefreshAsync(string? refreshToken, CancellationToken cancellationToken);
}
