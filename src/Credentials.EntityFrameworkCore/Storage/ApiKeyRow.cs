using System.Text.Json;
using Credentials.ApiKeys;
using Credentials.Secrets;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// The table row of an <see cref="ApiKey"/>: hashes as 32-byte arrays, permissions and rate limits as JSON arrays,
/// credits as plain integers (ticks for their instant and interval) so that one UPDATE can refill and spend them in SQL.
/// </summary>
internal sealed class ApiKeyRow
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Prefix { get; set; } = string.Empty;

    /// <summary>Null for a key stored without one.</summary>
    public string? Hint { get; set; }

    public string OwnerId { get; set; } = string.Empty;

    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsActive { get; set; }

    public string Permissions { get; set; } = "[]";

    public string? MetadataJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public byte[] Hash { get; set; } = [];

    public string? PepperId { get; set; }

    public byte[]? PreviousHash { get; set; }

    public string? PreviousPepperId { get; set; }

    public DateTimeOffset? PreviousHashExpiresAt { get; set; }

    /// <summary>The rate limits as a JSON array of <see cref="StoredRateLimit"/>; null for none.</summary>
    public string? RateLimits { get; set; }

    /// <summary>Null for a key without credits.</summary>
    public long? CreditsRemaining { get; set; }

    public long? CreditsRefillAmount { get; set; }

    public long? CreditsRefillIntervalTicks { get; set; }

    /// <summary>UTC ticks of the instant refills are counted from.</summary>
    public long? CreditsRefilledAtTicks { get; set; }

    public static ApiKeyRow From(ApiKey key) => new()
    {
        Uuid = key.Uuid,
        Name = key.Name,
        Prefix = key.Prefix,
        Hint = key.Hint,
        OwnerId = key.OwnerId,
        ExpiresAt = key.ExpiresAt,
        IsActive = key.IsActive,
        Permissions = JsonSerializer.Serialize(key.Permissions ?? []),
        MetadataJson = key.MetadataJson,
        CreatedAt = key.CreatedAt,
        LastUsedAt = key.LastUsedAt,
        Hash = key.Hash.ToArray(),
        PepperId = key.PepperId,
        PreviousHash = key.PreviousHash?.ToArray(),
        PreviousPepperId = key.PreviousPepperId,
        PreviousHashExpiresAt = key.PreviousHashExpiresAt,
        RateLimits = StoredRateLimits(key.RateLimits),
        CreditsRemaining = key.Credits?.Remaining,
        CreditsRefillAmount = key.Credits?.Refill?.Amount,
        CreditsRefillIntervalTicks = key.Credits?.Refill?.Interval.Ticks,
        CreditsRefilledAtTicks = key.Credits?.RefilledAt?.UtcTicks,
    };

    public ApiKey ToApiKey() => new()
    {
        Id = Id,
        Uuid = Uuid,
        Name = Name,
        Prefix = Prefix,
        Hint = Hint,
        OwnerId = OwnerId,
        ExpiresAt = ExpiresAt,
        IsActive = IsActive,
        Permissions = JsonSerializer.Deserialize<string[]>(Permissions) ?? [],
        MetadataJson = MetadataJson,
        CreatedAt = CreatedAt,
        LastUsedAt = LastUsedAt,
        Hash = SecretHash.FromBytes(Hash),
        PepperId = PepperId,
        PreviousHash = PreviousHash is null ? null : SecretHash.FromBytes(PreviousHash),
        PreviousPepperId = PreviousPepperId,
        PreviousHashExpiresAt = PreviousHashExpiresAt,
        RateLimits = RateLimits is null
            ? []
            : [.. (JsonSerializer.Deserialize<StoredRateLimit[]>(RateLimits) ?? []).Select(l => new ApiKeyRateLimit { Name = l.Name, Limit = l.Limit, Window = TimeSpan.FromSeconds(l.WindowSeconds) })],
        Credits = CreditsRemaining is not { } remaining ? null : new ApiKeyCredits
        {
            Remaining = remaining,
            Refill = CreditsRefillAmount is { } amount && CreditsRefillIntervalTicks is { } interval
                ? new ApiKeyCreditRefill { Amount = amount, Interval = TimeSpan.FromTicks(interval) }
                : null,
            RefilledAt = CreditsRefilledAtTicks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
        },
    };

    /// <summary>The rate-limits column's value: null for none.</summary>
    public static string? StoredRateLimits(IReadOnlyList<ApiKeyRateLimit> limits) => limits.Count == 0
        ? null
        : JsonSerializer.Serialize(limits.Select(l => new StoredRateLimit(l.Name, l.Limit, l.Window.Ticks / TimeSpan.TicksPerSecond)));

    /// <summary>One rate limit in the JSON column, in the API's words.</summary>
    internal sealed record StoredRateLimit(string Name, int Limit, long WindowSeconds);
}
