using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Credentials.Core.Tests.Users;

/// <summary>
/// Stored password hashes the default hasher reads; linked into Credentials.Argon2.Tests, which checks that the
/// Argon2id hasher still lets their users log in.
/// </summary>
internal static class PasswordHashFixtures
{
    public const string Password = "correct horse battery staple";

    /// <summary>PBKDF2-HMAC-SHA256(<see cref="Password"/>, salt 00..0f, 1000 iterations, 32 bytes), computed independently with Python's hashlib.</summary>
    public const string Pbkdf2Hash = "$credentials-pbkdf2-sha256$v=1$i=1000$AAECAwQFBgcICQoLDA0ODw==$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4=";

    /// <summary>ASP.NET Core Identity's own hasher, in the given format (V3 uses HMAC-SHA512).</summary>
    public static PasswordHasher<object> IdentityHasher(PasswordHasherCompatibilityMode mode, int iterations = 1000) =>
        new(Options.Create(new PasswordHasherOptions { CompatibilityMode = mode, IterationCount = iterations }));
}
