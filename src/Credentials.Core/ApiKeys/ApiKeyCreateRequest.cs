namespace Credentials.ApiKeys;

/// <summary>What a caller asks for when creating an API key (the API's request body). Every member is checked by the service.</summary>
public sealed record ApiKeyCreateRequest
{
    /// <summary>The key's name (<c>name</c>): required, trimmed, at most <see cref="ApiKeyOptions.MaxNameLength"/> characters.</summary>
    public string? Name { get; init; }

    /// <summary>When the key stops working (<c>expires_at</c>); must be in the future. Null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The permissions the key grants (<c>permissions</c>); non-empty names, within <see cref="ApiKeyOptions.AllowedPermissions"/> when set.</summary>
    public IReadOnlyList<string?>? Permissions { get; init; }

    /// <summary>Caller-defined metadata (<c>metadata</c>) as the text of a JSON object, at most <see cref="ApiKeyOptions.MaxMetadataBytes"/> UTF-8 bytes.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>Whether the key works as soon as it is created (<c>is_active</c>); true by default.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>The key's named rate limits (<c>rate_limits</c>); null or empty for none.</summary>
    public IReadOnlyList<ApiKeyRateLimit?>? RateLimits { get; init; }

    /// <summary>The key's usage credits (<c>credits</c>); null for none. <see cref="ApiKeyCredits.RefilledAt"/> is ignored.</summary>
    public ApiKeyCredits? Credits { get; init; }

    /// <summary>
    /// The owner (<c>user_id</c>). Honoured only for a creator holding <see cref="ApiKeyPermissions.Create"/>; null means
    /// the creator. A creator with only <see cref="ApiKeyPermissions.CreateOwn"/> always owns the key.
    /// </summary>
    public string? OwnerId { get; init; }
}
