using Credentials.Secrets;
using Credentials.WebTokens;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>The table row of a <see cref="WebToken"/>; the subject is the primary key, so a subject has at most one row.</summary>
internal sealed class WebTokenRow
{
    public string Subject { get; set; } = string.Empty;

    public byte[] Hash { get; set; } = [];

    public string? PepperId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public static WebTokenRow From(WebToken token) => new()
    {
        Subject = token.Subject,
        Hash = token.Hash.ToArray(),
        PepperId = token.PepperId,
        IssuedAt = token.IssuedAt,
        ExpiresAt = token.ExpiresAt,
    };

    public WebToken ToWebToken() => new()
    {
        Subject = Subject,
        Hash = SecretHash.FromBytes(Hash),
        PepperId = PepperId,
        IssuedAt = IssuedAt,
        ExpiresAt = ExpiresAt,
    };
}
