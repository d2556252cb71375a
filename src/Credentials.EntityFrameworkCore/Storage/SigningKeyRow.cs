using Credentials.Jwt;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>The table row of a <see cref="StoredSigningKey"/>; the generation is the primary key, so a generation has at most one key.</summary>
internal sealed class SigningKeyRow
{
    public long Generation { get; set; }

    public string KeyId { get; set; } = string.Empty;

    public string Algorithm { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ActivatesAt { get; set; }

    public byte[] ProtectedPrivateKey { get; set; } = [];

    public static SigningKeyRow From(StoredSigningKey key) => new()
    {
        Generation = key.Generation,
        KeyId = key.KeyId,
        Algorithm = key.Algorithm,
        CreatedAt = key.CreatedAt,
        ActivatesAt = key.ActivatesAt,
        ProtectedPrivateKey = key.ProtectedPrivateKey,
    };

    public StoredSigningKey ToStoredSigningKey() => new()
    {
        Generation = Generation,
        KeyId = KeyId,
        Algorithm = Algorithm,
        CreatedAt = CreatedAt,
        ActivatesAt = ActivatesAt,
        ProtectedPrivateKey = ProtectedPrivateKey,
    };
}
