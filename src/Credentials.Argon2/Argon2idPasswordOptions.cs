using System.ComponentModel.DataAnnotations;

namespace Credentials.Argon2;

/// <summary>
/// Argon2id cost for new password hashes, set with <c>UseArgon2idPasswords(options =&gt; ...)</c>. The defaults are
/// the OWASP Password Storage Cheat Sheet's first Argon2id configuration (cheatsheetseries.owasp.org, "Password Storage
/// Cheat Sheet", section Argon2id: m=19456 KiB, t=2, p=1). Parallelism is always 1: libsodium, through NSec, computes
/// one lane only. The password length bound stays <c>Credentials:Passwords:MaxPasswordLength</c>.
/// </summary>
public sealed class Argon2idPasswordOptions
{
    /// <summary>19,456 KiB (19 MiB): OWASP's minimum memory at two passes.</summary>
    public const int DefaultMemorySizeKiB = 19_456;

    /// <summary>2 passes: OWASP's minimum at 19 MiB.</summary>
    public const int DefaultIterations = 2;

    /// <summary>7,168 KiB (7 MiB): the smallest memory among OWASP's listed configurations (with five passes).</summary>
    public const int MinimumMemorySizeKiB = 7_168;

    /// <summary>1,048,576 KiB (1 GiB): a bound, so a typo cannot make every login allocate the machine's memory.</summary>
    public const int MaximumMemorySizeKiB = 1_048_576;

    /// <summary>The most passes accepted.</summary>
    public const int MaximumIterations = 100;

    /// <summary>
    /// 35,840 KiB-passes: memory times passes of OWASP's cheapest listed configuration (7 MiB, five passes). Every
    /// configuration it lists (46 MiB × 1, 19 MiB × 2, 12 MiB × 3, 9 MiB × 4, 7 MiB × 5) reaches it; less does not.
    /// </summary>
    public const long MinimumWork = 35_840;

    /// <summary>
    /// Memory per hash in KiB (Argon2's <c>m</c>). Stored hashes with less verify as "rehash needed"; stored hashes
    /// with more than twice as much fail unread (see <c>IPasswordHasher.Verify</c>): lower it by at most half at a time.
    /// Default <see cref="DefaultMemorySizeKiB"/>; between <see cref="MinimumMemorySizeKiB"/> and <see cref="MaximumMemorySizeKiB"/>.
    /// </summary>
    [Range(MinimumMemorySizeKiB, MaximumMemorySizeKiB)]
    public int MemorySizeKiB { get; set; } = DefaultMemorySizeKiB;

    /// <summary>
    /// Passes over the memory (Argon2's <c>t</c>). Stored hashes with fewer verify as "rehash needed"; stored hashes
    /// whose memory times passes exceeds twice the configured product fail unread.
    /// Default <see cref="DefaultIterations"/>; between 1 and <see cref="MaximumIterations"/>, and
    /// <see cref="MemorySizeKiB"/> × <see cref="Iterations"/> at least <see cref="MinimumWork"/>.
    /// </summary>
    [Range(1, MaximumIterations)]
    public int Iterations { get; set; } = DefaultIterations;
}
