using System.Collections.Concurrent;
using Credentials.Diagnostics;
using Credentials.Secrets;
using Credentials.Text;
using Microsoft.Extensions.Logging;

namespace Credentials.Users;

/// <summary>
/// The default <see cref="IUserAuthenticator"/>: users held in memory, for samples, tests and small tools. Resolve it
/// from the services and add users; register your own <see cref="IUserAuthenticator"/> to use a database.
/// </summary>
/// <remarks>
/// Usernames are trimmed and compared ordinal-ignore-case, without Unicode normalisation; they hold no control
/// characters and at most <see cref="MaxUsernameLength"/> characters. An unknown username runs the same password
/// hash as a wrong password (against a dummy hash made at start, so it takes the same path as a current user's hash),
/// and the default <see cref="IPasswordHasher"/> levels every verification to the configured cost, so neither an
/// unknown user nor a migrated user's cheaper hash shows in the answer time. A stored hash that verifies as "rehash needed" is replaced by a current one on the spot, and the result
/// reports <see cref="UserAuthenticationResult.RehashNeeded"/>.
/// </remarks>
public sealed class InMemoryUserAuthenticator : IUserAuthenticator, IUserDirectory
{
    /// <summary>The longest username accepted, after trimming.</summary>
    public const int MaxUsernameLength = 256;

    private readonly ConcurrentDictionary<string, StoredUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPasswordHasher _hasher;
    private readonly int _maxPasswordLength;
    private readonly ILogger _logger;
    private readonly string _dummyHash;

    internal InMemoryUserAuthenticator(IPasswordHasher hasher, PasswordHashingOptions options, ILogger logger)
    {
        _hasher = hasher;
        _maxPasswordLength = options.MaxPasswordLength;
        _logger = logger;
        _dummyHash = hasher.Hash("unknown user: this hash only makes a miss cost a full verification");
    }

    /// <summary>Adds a user whose password is hashed now.</summary>
    /// <param name="user">The user: a unique <see cref="AuthenticatedUser.Username"/>, id, email and permissions.</param>
    /// <param name="password">The user's password.</param>
    /// <exception cref="ArgumentException">The username is invalid or taken, or the password is not acceptable.</exception>
    public void AddUser(AuthenticatedUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        Add(user, _hasher.Hash(password));
    }

    /// <summary>Adds a user with a password hash made earlier (by <see cref="IPasswordHasher.Hash"/> or ASP.NET Core Identity).</summary>
    /// <param name="user">The user: a unique <see cref="AuthenticatedUser.Username"/>, id, email and permissions.</param>
    /// <param name="passwordHash">The stored hash; an outdated one is upgraded at the user's next login.</param>
    /// <exception cref="ArgumentException">The username is invalid or taken, or the hash is empty.</exception>
    public void AddUserWithPasswordHash(AuthenticatedUser user, string passwordHash)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        Add(user, passwordHash);
    }

    /// <inheritdoc />
    public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Authenticate(username, password));
    }

    /// <inheritdoc />
    public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = _users.Values.FirstOrDefault(u => string.Equals(u.User.Id, userId, StringComparison.Ordinal))?.User;
        return ValueTask.FromResult(user);
    }

    private UserAuthenticationResult Authenticate(string? username, string? password)
    {
        if (!TryGetKey(username, out var key) || !Pbkdf2PasswordHasher.IsAcceptable(password, _maxPasswordLength))
        {
            return Refuse(UserAuthenticationFailure.InvalidInput);
        }

        var known = _users.TryGetValue(key, out var stored);
        var outcome = _hasher.Verify(stored?.PasswordHash ?? _dummyHash, password);
        if (!known || outcome == PasswordVerification.Failed)
        {
            return Refuse(UserAuthenticationFailure.InvalidCredentials);
        }

        var rehashNeeded = outcome == PasswordVerification.SuccessRehashNeeded;
        if (rehashNeeded && _users.TryUpdate(key, stored! with { PasswordHash = _hasher.Hash(password) }, stored!))
        {
            UsersLog.PasswordRehashed(_logger, stored!.User.Id);
        }

        UsersLog.LoginSucceeded(_logger, stored!.User.Id);
        return UserAuthenticationResult.Success(stored.User, rehashNeeded);
    }

    private UserAuthenticationResult Refuse(UserAuthenticationFailure failure)
    {
        var reason = CredentialTags.Of(failure);
        UsersLog.LoginRefused(_logger, reason);
        return UserAuthenticationResult.Failed(failure);
    }

    private void Add(AuthenticatedUser user, string passwordHash)
    {
        if (!TryGetKey(user.Username, out var key))
        {
            throw new ArgumentException($"A username must be 1 to {MaxUsernameLength} characters after trimming, without control characters.", nameof(user));
        }

        if (!_users.TryAdd(key, new StoredUser(user, passwordHash)))
        {
            throw new ArgumentException("A user with that username (compared ignoring case) already exists.", nameof(user));
        }
    }

    /// <summary>The trimmed username, when acceptable; trimming a span first means a huge input is refused without a copy.</summary>
    private static bool TryGetKey(string? username, out string key)
    {
        var trimmed = username.AsSpan().Trim();
        var acceptable = trimmed.Length is > 0 and <= MaxUsernameLength && UnicodeText.IsPrintable(trimmed);
        key = acceptable ? trimmed.ToString() : string.Empty;
        return acceptable;
    }

    /// <summary>A user and their password hash; replaced whole when the hash is upgraded. Printing leaves the hash out.</summary>
    private sealed record StoredUser(AuthenticatedUser User, string PasswordHash)
    {
        private bool PrintMembers(System.Text.StringBuilder builder)
        {
            builder.Append("User = ").Append(User).Append(", PasswordHash = (redacted)");
            return true;
        }
    }
}
