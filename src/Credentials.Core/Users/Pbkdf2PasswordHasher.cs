using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Credentials.Secrets;
using Credentials.Text;

namespace Credentials.Users;

/// <summary>
/// The default <see cref="IPasswordHasher"/>: PBKDF2-HMAC-SHA256, 128-bit random salt, 256-bit subkey, stored as
/// <c>$credentials-pbkdf2-sha256$v=1$i=600000$&lt;salt&gt;$&lt;subkey&gt;</c> (standard base64). The marker and version
/// come first so a later algorithm can sit beside this one and old hashes keep verifying. Passwords are hashed as
/// their UTF-8 bytes without Unicode normalisation, as ASP.NET Core Identity does, so migrated hashes agree.
/// <para>
/// Every <see cref="Verify"/> of an acceptable password costs the configured iterations of PBKDF2-HMAC-SHA256 or up
/// to twice that, whatever the stored hash: a cheaper one (legacy, older settings, malformed, refused) is topped up on
/// a throwaway input, and one dearer than twice the configured cost is refused unread. So answer time does not tell a
/// migrated user, or a user with a broken hash, from a dummy hash an authenticator verifies for an unknown user.
/// </para>
/// </summary>
internal sealed class Pbkdf2PasswordHasher : IPasswordHasher
{
    public const string FormatMarker = "credentials-pbkdf2-sha256";
    public const int SaltBytes = 16;
    public const int SubkeyBytes = 32;

    private const string Version = "v=1";
    private const string IterationsPrefix = "i=";
    private const int MaxEncodedLength = 256;
    private const int FieldCount = 6;
    private const string PaddingPassword = "padding: tops a cheap verification up to the configured cost";

    private static readonly byte[] PaddingSalt = new byte[SaltBytes];

    private readonly ISecretRandom _random;
    private readonly int _iterations;
    private readonly int _maxPasswordLength;
    private readonly long _cost;
    private readonly long _maxStoredCost;

    public Pbkdf2PasswordHasher(PasswordHashingOptions options, ISecretRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        _random = random;
        _iterations = options.Iterations;
        _maxPasswordLength = options.MaxPasswordLength;
        _cost = Cost(_iterations);
        _maxStoredCost = MaxStoredCost(_iterations);
    }

    /// <summary>The work of one hash at <paramref name="iterations"/>, in <see cref="PasswordKdf.Cost"/> units.</summary>
    public static long Cost(int iterations) => PasswordKdf.Cost(iterations, HashAlgorithmName.SHA256, SubkeyBytes);

    /// <summary>The dearest stored hash verified when <paramref name="iterations"/> are configured: twice their cost.</summary>
    public static long MaxStoredCost(int iterations) => 2 * Cost(iterations);

    /// <summary>True when <paramref name="password"/> is one this hasher will hash or verify.</summary>
    public static bool IsAcceptable([NotNullWhen(true)] string? password, int maxLength) =>
        !string.IsNullOrEmpty(password) && password.Length <= maxLength && UnicodeText.IsWellFormed(password);

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!IsAcceptable(password, _maxPasswordLength))
        {
            throw new ArgumentException($"A password must be 1 to {_maxPasswordLength} characters of well-formed UTF-16 text.", nameof(password));
        }

        Span<byte> salt = stackalloc byte[SaltBytes];
        Span<byte> subkey = stackalloc byte[SubkeyBytes];
        _random.Fill(salt);
        PasswordKdf.Derive(password, salt, _iterations, HashAlgorithmName.SHA256, subkey);
        return string.Join(
            '$',
            string.Empty,
            FormatMarker,
            Version,
            IterationsPrefix + _iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt),
            Convert.ToBase64String(subkey));
    }

    public PasswordVerification Verify(string passwordHash, string password)
    {
        // An unacceptable password fails at once: that depends on the input alone, not on the user.
        if (!IsAcceptable(password, _maxPasswordLength))
        {
            return PasswordVerification.Failed;
        }

        var start = PasswordKdf.WorkOnThisThread;
        var outcome = VerifyStored(passwordHash, password, _iterations, _maxStoredCost);
        TopUpToConfiguredCost(PasswordKdf.WorkOnThisThread - start);
        return outcome;
    }

    /// <summary>
    /// Checks an acceptable password against our format or an Identity V2/V3 hash at the stored hash's own cost (no
    /// levelling), refusing unread a hash dearer than <paramref name="maxStoredCost"/>.
    /// </summary>
    public static PasswordVerification VerifyStored(string? passwordHash, string password, int iterations, long maxStoredCost)
    {
        if (string.IsNullOrEmpty(passwordHash))
        {
            return PasswordVerification.Failed;
        }

        if (passwordHash[0] != '$')
        {
            return AspNetIdentityPasswordHash.Matches(passwordHash, password, maxStoredCost)
                ? PasswordVerification.SuccessRehashNeeded
                : PasswordVerification.Failed;
        }

        if (passwordHash.Length > MaxEncodedLength)
        {
            return PasswordVerification.Failed;
        }

        // Parsed in place, without allocating, so an unknown user's dummy costs no more than a legacy hash's decode.
        ReadOnlySpan<char> hash = passwordHash;
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        Span<byte> salt = stackalloc byte[SaltBytes];
        Span<byte> subkey = stackalloc byte[SubkeyBytes];
        if (hash.Split(fields, '$') != FieldCount
            || !hash[fields[1]].SequenceEqual(FormatMarker)
            || !hash[fields[2]].SequenceEqual(Version)
            || !TryParseIterations(hash[fields[3]], out var storedIterations)
            || !CanonicalBase64.TryDecodeExact(hash[fields[4]], salt)
            || !CanonicalBase64.TryDecodeExact(hash[fields[5]], subkey)
            || !PasswordKdf.Matches(password, salt, storedIterations, HashAlgorithmName.SHA256, subkey, maxStoredCost))
        {
            return PasswordVerification.Failed;
        }

        return storedIterations < iterations ? PasswordVerification.SuccessRehashNeeded : PasswordVerification.Success;
    }

    /// <summary>Derives on a throwaway input for the part of the configured cost the stored hash did not spend.</summary>
    private void TopUpToConfiguredCost(long spent)
    {
        var missing = _cost - spent;
        if (missing > 0)
        {
            Span<byte> discarded = stackalloc byte[SubkeyBytes];
            PasswordKdf.Derive(PaddingPassword, PaddingSalt, (int)missing, HashAlgorithmName.SHA256, discarded);
        }
    }

    /// <summary>"i=" and a positive decimal int with no sign, spaces or leading zeros: one spelling per count.</summary>
    private static bool TryParseIterations(ReadOnlySpan<char> digits, out int iterations)
    {
        iterations = 0;
        return digits.StartsWith(IterationsPrefix, StringComparison.Ordinal)
            && (digits = digits[IterationsPrefix.Length..]).Length is > 0 and <= 10
            && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out iterations);
    }
}
