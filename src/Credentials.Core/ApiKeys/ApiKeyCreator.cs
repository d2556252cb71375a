namespace Credentials.ApiKeys;

/// <summary>The authenticated user creating a key: its id and the permissions it holds.</summary>
public sealed record ApiKeyCreator
{
    /// <summary>The creator's user id; the key's owner unless the creator may create for others and names another owner.</summary>
    public required string UserId { get; init; }

    /// <summary>The creator's permissions; <see cref="ApiKeyPermissions.Create"/> or <see cref="ApiKeyPermissions.CreateOwn"/> is needed.</summary>
    public IReadOnlyCollection<string> Permissions { get; init; } = [];
}
