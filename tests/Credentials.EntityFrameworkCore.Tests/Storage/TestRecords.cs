using System.Security.Cryptography;
using System.Text;
using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.WebTokens;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

internal static class TestRecords
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SecretHash Hash(string seed) => SecretHash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static ApiKey Key(string seed, string owner = "owner-1") => new()
    {
        Uuid = Guid.NewGuid(),
        Name = "key " + seed,
        Prefix = "cc_test_",
        OwnerId = owner,
        Permissions = ["read", "write"],
        CreatedAt = Now,
        Hash = Hash(seed),
    };

    public static WebToken Token(string subject, string seed, DateTimeOffset? expiresAt = null) => new()
    {
        Subject = subject,
        Hash = Hash(seed),
        PepperId = "pepper-1",
        IssuedAt = Now,
        ExpiresAt = expiresAt ?? Now.AddHours(1),
    };
}
