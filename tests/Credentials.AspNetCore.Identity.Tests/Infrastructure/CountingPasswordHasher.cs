using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;

namespace Credentials.AspNetCore.Identity.Tests.Infrastructure;

/// <summary>
/// Identity's own hasher, counting the PBKDF2 iterations each verification spends (read from the V3 hash's header),
/// so a test compares the work two logins did rather than their wall-clock time.
/// </summary>
internal sealed class CountingPasswordHasher(PasswordHasher<IdentityUser> inner) : IPasswordHasher<IdentityUser>
{
    private long _iterations;

    public long Iterations => Interlocked.Read(ref _iterations);

    public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
    {
        var decoded = Convert.FromBase64String(hashedPassword);
        decoded[0].Should().Be(0x01, "every hash here is Identity's V3 format");
        Interlocked.Add(ref _iterations, BinaryPrimitives.ReadUInt32BigEndian(decoded.AsSpan(5, 4)));
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
