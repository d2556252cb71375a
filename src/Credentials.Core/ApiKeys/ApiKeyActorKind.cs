namespace Credentials.ApiKeys;

/// <summary>What kind of credential an <see cref="ApiKeyActor"/> acts with.</summary>
public enum ApiKeyActorKind
{
    /// <summary>A signed-in user (a login JWT, or the host's own user sign-in).</summary>
    User = 1,

    /// <summary>An API key, presented by its current secret or by a previous one still in its grace period.</summary>
    ApiKey = 2,

    /// <summary>A web token issued to an API key. It acts for that key but never manages keys.</summary>
    WebToken = 3,
}
