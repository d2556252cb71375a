namespace Credentials.ApiKeys;

/// <summary>The permissions a creator needs to create API keys (the seed's names).</summary>
public static class ApiKeyPermissions
{
    /// <summary>May create keys for any owner.</summary>
    public const string Create = "api.keys.create";

    /// <summary>May create keys only for itself: the owner is always the creator.</summary>
    public const string CreateOwn = "api.keys.create.own";
}
