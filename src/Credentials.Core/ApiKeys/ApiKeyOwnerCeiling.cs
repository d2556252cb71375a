using Credentials.Users;

namespace Credentials.ApiKeys;

/// <summary>
/// A grant is a ceiling: what a key or a signed-in user may do is what it carries narrowed to what its owner holds now,
/// read from <see cref="IUserDirectory"/> (see <see cref="ApiKeyOptions.PermissionCeiling"/>). Every path that grants
/// (verification, creation, management) asks here.
/// </summary>
internal sealed class ApiKeyOwnerCeiling(IUserDirectory owners, ApiKeyOptions options)
{
    public bool IsOn => options.PermissionCeiling == ApiKeyPermissionCeiling.OwnerPermissions;

    /// <summary>The owner's permissions now; null when the directory no longer knows the owner.</summary>
    public async ValueTask<IReadOnlyList<string>?> OwnerPermissionsAsync(string ownerId, CancellationToken cancellationToken) =>
        (await owners.FindByIdAsync(ownerId, cancellationToken).ConfigureAwait(false))?.Permissions;

    /// <summary>
    /// A key's grant: its permissions that its owner still holds (all of them with the ceiling off); null when its owner
    /// is gone. The common case, an owner holding everything the key carries, allocates nothing.
    /// </summary>
    public async ValueTask<IReadOnlyList<string>?> GrantAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (!IsOn)
        {
            return key.Permissions;
        }

        if (await OwnerPermissionsAsync(key.OwnerId, cancellationToken).ConfigureAwait(false) is not { } held)
        {
            return null;
        }

        return ApiKeyPermissions.CoversAll(held, key.Permissions)
            ? key.Permissions
            : key.Permissions.Where(p => ApiKeyPermissions.Covers(held, p)).ToArray();
    }

    /// <summary>
    /// The actor as it stands now: a user's claimed permissions (a login token may be days old) narrowed to those the
    /// directory says it holds, or null when the directory no longer knows the user. A key's grant was narrowed when it
    /// was verified, so key actors pass unchanged.
    /// </summary>
    public async ValueTask<ApiKeyActor?> CurrentAsync(ApiKeyActor actor, CancellationToken cancellationToken)
    {
        if (actor.Kind != ApiKeyActorKind.User || !IsOn)
        {
            return actor;
        }

        var held = await OwnerPermissionsAsync(actor.UserId, cancellationToken).ConfigureAwait(false);
        return held is null ? null : ApiKeyActor.User(actor.UserId, actor.Permissions.Where(p => ApiKeyPermissions.Covers(held, p)));
    }
}
