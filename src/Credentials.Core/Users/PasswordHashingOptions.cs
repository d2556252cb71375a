using System.ComponentModel.DataAnnotations;

namespace Credentials.Users;

/// <summary>Password hashing cost and limits (<c>Credentials:Passwords</c>).</summary>
public sealed class PasswordHashingOptions
{
    /// <summary>
    /// 600,000: the PBKDF2-HMAC-SHA256 work factor the OWASP Password Storage Cheat Sheet recommends
    /// (cheatsheetseries.owasp.org, "Password Storage Cheat Sheet", section PBKDF2).
    /// </summary>
    public const int DefaultIterations = 600_000;

    /// <summary>
    /// 100,000: the lowest accepted <see cref="Iterations"/>. It is ASP.NET Core Identity's own V3 default, so no host
    /// configures this library weaker than the framework it replaces, and it stops old advice (1,000 or 10,000) from
    /// slipping into configuration.
    /// </summary>
    public const int MinimumIterations = 100_000;

    /// <summary>1,024 characters: far above any passphrase, far below a payload that costs memory to encode.</summary>
    public const int DefaultMaxPasswordLength = 1024;

    /// <summary>NIST SP 800-63B asks verifiers to accept passwords of at least 64 characters.</summary>
    public const int MinimumMaxPasswordLength = 64;

    /// <summary>The largest <see cref="MaxPasswordLength"/> accepted, so the bound stays a bound.</summary>
    public const int LargestMaxPasswordLength = 4096;

    /// <summary>
    /// PBKDF2 iterations for new hashes. Stored hashes with fewer verify as "rehash needed", so raising it upgrades
    /// users as they log in. Stored hashes that cost more than twice it fail, so every verification costs about the
    /// same (see <see cref="IPasswordHasher.Verify"/>): lower it by at most half at a time.
    /// Default <see cref="DefaultIterations"/>; at least <see cref="MinimumIterations"/>.
    /// </summary>
    [Range(MinimumIterations, int.MaxValue)]
    public int Iterations { get; set; } = DefaultIterations;

    /// <summary>
    /// Longest password, in UTF-16 characters, that is hashed or verified; longer ones fail before any work.
    /// Default <see cref="DefaultMaxPasswordLength"/>; between <see cref="MinimumMaxPasswordLength"/> and <see cref="LargestMaxPasswordLength"/>.
    /// </summary>
    [Range(MinimumMaxPasswordLength, LargestMaxPasswordLength)]
    public int MaxPasswordLength { get; set; } = DefaultMaxPasswordLength;
}
