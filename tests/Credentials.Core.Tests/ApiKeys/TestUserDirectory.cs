using System.Collections.Concurrent;
using Credentials.ApiKeys;
using Credentials.Users;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// Owners for the API key tests: every user id is known and holds <see cref="CommonPermissions"/> unless a test sets its
/// permissions or removes it, so tests that are not about the owner ceiling need no setup.
/// </summary>
internal sealed class TestUserDirectory : IUserDirectory
{
    public static readonly IReadOnlyList<string> CommonPermissions =
        [ApiKeyPermissions.Create, ApiKeyPermissions.Manage, "read", "write", "admin", "Write"];

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>?> _overrides = new(StringComparer.Ordinal);

    public int Lookups;

    public void Set(string userId, params string[] permissions) => _overrides[userId] = permissions;

    public void Remove(string userId) => _overrides[userId] = null;

    public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lookups);
        var permissions = _overrides.TryGetValue(userId, out var set) ? set : CommonPermissions;
        return new(permissions is null ? null : new AuthenticatedUser { Id = userId, Username = userId, Permissions = permissions });
    }
}
