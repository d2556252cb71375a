namespace Credentials.ApiKeys;

/// <summary>What bounds the permissions an API key grants.</summary>
public enum ApiKeyPermissionCeiling
{
    /// <summary>
    /// The default: a key grants only those of its permissions that its owner holds now, read from the
    /// <see cref="Users.IUserDirectory"/> at every verification, and a key is created only with permissions its owner
    /// and its creator hold. An owner who loses a permission loses it through every key at once; a key whose owner is
    /// gone stops working.
    /// </summary>
    OwnerPermissions = 1,

    /// <summary>
    /// A key grants its own permissions, whatever its owner holds (for hosts whose key scopes are not user permissions
    /// and that authorize against the owner themselves). Key-management permissions are still never granted beyond the
    /// creator's own.
    /// </summary>
    KeyPermissions = 2,
}
