using Credentials.Secrets;
using Credentials.Sessions;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>The table row of a <see cref="Session"/>; the session id is the primary key.</summary>
internal sealed class SessionRow
{
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public byte[]? RefreshTokenHash { get; set; }

    public string? RefreshTokenPepperId { get; set; }

    public byte[]? SecurityStampHash { get; set; }

    public static SessionRow From(Session session) => new()
    {
        Id = session.Id,
        UserId = session.UserId,
        CreatedAt = session.CreatedAt,
        ExpiresAt = session.ExpiresAt,
        EndedAt = session.EndedAt,
        RefreshTokenHash = session.RefreshTokenHash?.ToArray(),
        RefreshTokenPepperId = session.RefreshTokenPepperId,
        SecurityStampHash = session.SecurityStampHash?.ToArray(),
    };

    public Session ToSession() => new()
    {
        Id = Id,
        UserId = UserId,
        CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt,
        EndedAt = EndedAt,
        RefreshTokenHash = RefreshTokenHash is null ? null : SecretHash.FromBytes(RefreshTokenHash),
        RefreshTokenPepperId = RefreshTokenPepperId,
        SecurityStampHash = SecurityStampHash is null ? null : SecretHash.FromBytes(SecurityStampHash),
    };
}
