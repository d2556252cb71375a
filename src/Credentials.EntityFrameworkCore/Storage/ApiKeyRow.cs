using System.Text.Json;
using Credentials.ApiKeys;
using Credentials.Secrets;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>The table row of an <see cref="ApiKey"/>: hashes as 32-byte arrays, permissions as a JSON array.</summary>
internal sealed class ApiKeyRow
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Prefix { get; set; } = string.Empty;

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

    public static ApiKeyRow From(ApiKey key) => new()
    {
        Uuid = key.Uuid,
        Name = key.Name,
        Prefix = key.Prefix,
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
    };

    public ApiKey ToApiKey() => new()
    {
        Id = Id,
        Uuid = Uuid,
        Name = Name,
        Prefix = Prefix,
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
    };
}
