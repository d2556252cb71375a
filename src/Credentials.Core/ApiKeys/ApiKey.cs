using Credentials.Secrets;

namespace Credentials.ApiKeys;

/// <summary>
/// An API key as stored: everything about the key except the key itself, which is never kept. Only the hash of the
/// secret is stored (with the id of the pepper that hashed it), and only the prefix is ever shown again.
/// </summary>
public sealed record ApiKey
{
    /// <summary>The store-assigned integer id (the API's <c>id</c>); 0 until the store has created the record.</summary>
    public long Id { get; init; }

    /// <summary>The public, random identifier of the key (the API's <c>uuid</c>), safe to show and to put in URLs.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>A human name for the key, 1 to 255 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The visible prefix every key of this record starts with, for example <c>cc_live_</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>
    /// The key's last four characters (its checksum's tail), stored at creation and at every roll so that a person can
    /// tell keys apart (<c>cc_live_…Ab12</c>); they reveal no more than four secret characters would, far too little to
    /// weaken the key. Null for a record stored without one (before hints were kept).
    /// </summary>
    public string? Hint { get; init; }

    /// <summary>The id of the user who owns the key and whose permissions it carries.</summary>
    public required string OwnerId { get; init; }

    /// <summary>When the key stops working; null for a key that does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>False once the key is deactivated; an inactive key is rejected until reactivated.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>The permissions granted to requests that present the key.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>Caller-defined metadata as the text of a JSON object, or null.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>When the key was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key was last presented successfully (recorded at most once per throttle interval).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The key's named rate limits; empty for a key limited only by the host's default (if any).</summary>
    public IReadOnlyList<ApiKeyRateLimit> RateLimits { get; init; } = [];

    /// <summary>The key's usage credits; null for a key that spends none (the default).</summary>
    public ApiKeyCredits? Credits { get; init; }

    /// <summary>The hash of the current secret.</summary>
    public required SecretHash Hash { get; init; }

    /// <summary>The pepper that produced <see cref="Hash"/>; null for plain SHA-256.</summary>
    public string? PepperId { get; init; }

    /// <summary>After a roll: the hash of the previous secret, which keeps working until <see cref="PreviousHashExpiresAt"/>.</summary>
    public SecretHash? PreviousHash { get; init; }

    /// <summary>The pepper that produced <see cref="PreviousHash"/>.</summary>
    public string? PreviousPepperId { get; init; }

    /// <summary>When the previous secret stops working after a roll.</summary>
    public DateTimeOffset? PreviousHashExpiresAt { get; init; }
}
