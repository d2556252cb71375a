namespace Credentials.Users;

/// <summary>
/// The host's bridge to its own user store: checks a username and password. The library ships an in-memory
/// implementation for samples and tests; a host registers its own (before or after <c>AddCredentials()</c>) to use
/// its database. Implementations must cost the same for an unknown username as for a wrong password.
/// </summary>
public interface IUserAuthenticator
{
    /// <summary>Verifies <paramref name="password"/> for <paramref name="username"/>. Expected failures are results, not exceptions.</summary>
    ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken);
}
