namespace Credentials.Users;

/// <summary>
/// The outcome of <see cref="IPasswordHasher.Verify"/>: a tri-state, not a failure reason (a wrong password and a
/// malformed hash are deliberately one answer). Numbered as ASP.NET Core Identity's PasswordVerificationResult, but
/// named apart from it, so a host that imports both namespaces meets no ambiguity.
/// </summary>
public enum PasswordVerification
{
    /// <summary>The password does not match, or the stored hash is malformed or of an unknown format.</summary>
    Failed = 0,

    /// <summary>The password matches and the stored hash is current.</summary>
    Success = 1,

    /// <summary>The password matches but the stored hash is weaker than the current settings or of a legacy format: store <see cref="IPasswordHasher.Hash"/> of it.</summary>
    SuccessRehashNeeded = 2,
}
