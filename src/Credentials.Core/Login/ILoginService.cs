using Credentials.Users;

namespace Credentials.Login;

/// <summary>Password login that answers with a JWT: the <c>POST /auth/login</c> contract, without the HTTP.</summary>
public interface ILoginService
{
    /// <summary>
    /// Checks <paramref name="username"/> and <paramref name="password"/> with the host's
    /// <see cref="IUserAuthenticator"/> and, when they are right, issues a JWT. Refusals are results, never exceptions.
    /// </summary>
    ValueTask<LoginResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken);
}
