using Microsoft.AspNetCore.Identity;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// A hash made by the host's own <see cref="IPasswordHasher{TUser}"/>, at its current settings, that no password
/// matches in practice: an unknown user, one without a password and a locked-out user are verified against it, so each
/// costs what a wrong password costs. Made once per container, at the first login (the hasher is scoped).
/// </summary>
internal sealed class IdentityDummyPasswordHash<TUser>
    where TUser : class, new()
{
    private const string DummyPassword = "unknown user: this hash only makes a miss cost a full verification";

    private readonly TUser _nobody = new();
    private string? _hash;

    /// <summary>Runs the hasher's verification on the dummy hash; the answer is thrown away.</summary>
    public void Verify(IPasswordHasher<TUser> hasher, string password)
    {
        // Two first logins may both make it; either hash costs the same.
        var hash = _hash ??= hasher.HashPassword(_nobody, DummyPassword);
        _ = hasher.VerifyHashedPassword(_nobody, hash, password);
    }
}
