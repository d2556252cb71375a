namespace Credentials.Users;

/// <summary>
/// Optional: finds a user by id, so answers about a credential can show its owner (the API's <c>user: {id, email}</c>).
/// The in-memory authenticator implements it; a host whose users live elsewhere registers its own or none.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The user with this id, or null.</summary>
    ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken);
}
