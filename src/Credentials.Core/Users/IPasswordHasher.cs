namespace Credentials.Users;

/// <summary>
/// Turns passwords into slow, salted, self-describing hash strings and checks passwords against them.
/// The default is PBKDF2-HMAC-SHA256; it also verifies ASP.NET Core Identity's V2 and V3 hashes for migration.
/// </summary>
public interface IPasswordHasher
{
    /// <summary>Hashes <paramref name="password"/> with a fresh random salt and the current settings.</summary>
    /// <param name="password">1 to <see cref="PasswordHashingOptions.MaxPasswordLength"/> characters of well-formed UTF-16.</param>
    /// <returns>A string that names its own format, safe to store.</returns>
    /// <exception cref="ArgumentException">The password is null, empty, too long or not well-formed UTF-16.</exception>
    string Hash(string password);

    /// <summary>Checks <paramref name="password"/> against a stored hash. Never throws for bad input: it fails.</summary>
    /// <remarks>
    /// The default spends the configured iterations' work on any acceptable password whatever the stored hash: a
    /// cheaper one (ASP.NET Core Identity V2, older settings, malformed, empty) is topped up, and one dearer than twice
    /// the configured cost fails without being derived. So an authenticator that verifies an unknown user against any
    /// fixed string (a hash made at start, or <see cref="string.Empty"/>) answers in the time a wrong password takes,
    /// whichever user and hash. An implementation should keep that property.
    /// </remarks>
    /// <param name="passwordHash">A string from <see cref="Hash"/> or from ASP.NET Core Identity's <c>PasswordHasher</c>.</param>
    /// <param name="password">The password presented.</param>
    PasswordVerification Verify(string passwordHash, string password);
}
