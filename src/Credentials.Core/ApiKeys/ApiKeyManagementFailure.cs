namespace Credentials.ApiKeys;

/// <summary>Why a key-management action (list, activate, deactivate, delete) was refused.</summary>
public enum ApiKeyManagementFailure
{
    /// <summary>No key has this uuid, or the actor may not see it (another owner's key, or one that grants more than the actor).</summary>
    NotFound = 1,

    /// <summary>The actor may not manage keys at all: a web token, a secret in its grace period, or a key without a manage permission (HTTP 403).</summary>
    Forbidden = 2,
}
