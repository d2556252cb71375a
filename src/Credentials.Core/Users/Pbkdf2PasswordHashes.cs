namespace Credentials.Users;

/// <summary>
/// The PBKDF2 password hashes this library reads: its own <c>$credentials-pbkdf2-sha256$</c> format and ASP.NET Core
/// Identity's V2 and V3 hashes. For an <see cref="IPasswordHasher"/> that makes hashes of another algorithm (the
/// Argon2id hasher of <c>Credentials.Argon2</c>) and must still let users whose stored hash is one of these log in.
/// </summary>
public static class Pbkdf2PasswordHashes
{
    /// <summary>
    /// Checks <paramref name="password"/> against a PBKDF2 hash at that hash's own cost. Unlike the default
    /// <see cref="IPasswordHasher.Verify"/>, it does not top a cheaper hash up to the configured cost: the caller
    /// levels the cost in its own algorithm's work. Never throws for bad input: it fails.
    /// </summary>
    /// <param name="passwordHash">A string from the default <see cref="IPasswordHasher.Hash"/> or from ASP.NET Core Identity's <c>PasswordHasher</c>.</param>
    /// <param name="password">The password presented.</param>
    /// <param name="options">
    /// The configured PBKDF2 settings: a hash below <see cref="PasswordHashingOptions.Iterations"/> verifies as
    /// "rehash needed"; one dearer than twice their cost, a password longer than
    /// <see cref="PasswordHashingOptions.MaxPasswordLength"/> or not well-formed fails without any derivation.
    /// </param>
    /// <returns>
    /// <see cref="PasswordVerification.Success"/> or <see cref="PasswordVerification.SuccessRehashNeeded"/> as the
    /// default hasher would answer; <see cref="PasswordVerification.Failed"/> for a wrong password or any other string.
    /// </returns>
    public static PasswordVerification Verify(string passwordHash, string password, PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Pbkdf2PasswordHasher.IsAcceptable(password, options.MaxPasswordLength)
            ? Pbkdf2PasswordHasher.VerifyStored(passwordHash, password, options.Iterations, Pbkdf2PasswordHasher.MaxStoredCost(options.Iterations))
            : PasswordVerification.Failed;
    }
}
