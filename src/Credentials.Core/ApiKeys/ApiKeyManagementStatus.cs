namespace Credentials.ApiKeys;

/// <summary>How a key-management action (activate, deactivate, delete) ended.</summary>
public enum ApiKeyManagementStatus
{
    /// <summary>Done; the result carries the key as it is now (for a delete, as it was).</summary>
    Succeeded = 1,

    /// <summary>No key has this uuid, or the actor may not see it (another owner's key, or one that grants more than the actor).</summary>
    NotFound = 2,

    /// <summary>The actor may not manage keys at all: a web token, a secret in its grace period, or a key without a manage permission (HTTP 403).</summary>
    Forbidden = 3,
}
