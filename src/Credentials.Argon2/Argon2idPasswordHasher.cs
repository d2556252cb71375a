using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Credentials.Users;

namespace Credentials.Argon2;

/// <summary>
/// An <see cref="IPasswordHasher"/> that hashes with Argon2id (<see cref="Argon2idPasswordHash"/>) and still verifies
/// the PBKDF2 hashes of <c>Credentials.Core</c> and ASP.NET Core Identity (<see cref="Pbkdf2PasswordHashes"/>) as
/// "rehash needed", so those users log in and move to Argon2id.
/// <para>
/// Every <see cref="Verify"/> of an acceptable password spends the configured Argon2id work (memory × passes) or up
/// to twice that: a cheaper or malformed Argon2id hash, an empty string, any other text and a PBKDF2 hash are topped up
/// with Argon2id on a throwaway input, and an Argon2id hash with more than twice the configured memory or work fails
/// unread. A PBKDF2 hash costs its own PBKDF2 work on top: nothing can check it more cheaply.
/// </para>
/// </summary>
internal sealed class Argon2idPasswordHasher : IPasswordHasher
{
    private const int StackPasswordBytes = 256;
    private static readonly byte[] PaddingPassword = "padding: tops a cheap verification up to the configured cost"u8.ToArray();
    private static readonly byte[] PaddingSalt = new byte[Argon2idKdf.SaltBytes];

    private readonly long _memorySizeKiB;
    private readonly long _iterations;
    private readonly long _work;
    private readonly PasswordHashingOptions _passwords;
    private readonly Action<Span<byte>> _fillSalt;

    public Argon2idPasswordHasher(Argon2idPasswordOptions options, PasswordHashingOptions passwords)
        : this(options, passwords, RandomNumberGenerator.Fill)
    {
    }

    /// <summary>With a salt source of the caller's, so tests can pin the output.</summary>
    internal Argon2idPasswordHasher(Argon2idPasswordOptions options, PasswordHashingOptions passwords, Action<Span<byte>> fillSalt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(passwords);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MemorySizeKiB, (int)Argon2idKdf.MinimumMemorySizeKiB);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        _memorySizeKiB = options.MemorySizeKiB;
        _iterations = options.Iterations;
        _work = _memorySizeKiB * _iterations;
        _passwords = passwords;
        _fillSalt = fillSalt;
    }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var maxBytes = MaxUtf8Bytes(password);
        byte[]? rented = null;
        var buffer = maxBytes <= StackPasswordBytes ? stackalloc byte[StackPasswordBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            if (!TryEncode(password, buffer, out var length))
            {
                throw new ArgumentException($"A password must be 1 to {_passwords.MaxPasswordLength} characters of well-formed UTF-16 text.", nameof(password));
            }

            Span<byte> salt = stackalloc byte[Argon2idKdf.SaltBytes];
            Span<byte> subkey = stackalloc byte[Argon2idPasswordHash.SubkeyBytes];
            _fillSalt(salt);
            Argon2idKdf.Derive(buffer[..length], salt, _memorySizeKiB, _iterations, subkey);
            return Argon2idPasswordHash.Render(_memorySizeKiB, _iterations, salt, subkey);
        }
        finally
        {
            Return(buffer, rented);
        }
    }

    public PasswordVerification Verify(string passwordHash, string password)
    {
        var maxBytes = MaxUtf8Bytes(password);
        byte[]? rented = null;
        var buffer = maxBytes <= StackPasswordBytes ? stackalloc byte[StackPasswordBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            // An unacceptable password fails at once: that depends on the input alone, not on the user.
            if (!TryEncode(password, buffer, out var length))
            {
                return PasswordVerification.Failed;
            }

            var start = Argon2idKdf.WorkOnThisThread;
            var outcome = passwordHash is not null && passwordHash.StartsWith(Argon2idPasswordHash.Prefix, StringComparison.Ordinal)
                ? VerifyArgon2id(passwordHash, buffer[..length])
                : VerifyPbkdf2(passwordHash, password);
            TopUpToConfiguredWork(Argon2idKdf.WorkOnThisThread - start);
            return outcome;
        }
        finally
        {
            Return(buffer, rented);
        }
    }

    private PasswordVerification VerifyArgon2id(string passwordHash, ReadOnlySpan<byte> password)
    {
        Span<byte> salt = stackalloc byte[Argon2idKdf.SaltBytes];
        Span<byte> subkey = stackalloc byte[Argon2idPasswordHash.SubkeyBytes];
        if (!Argon2idPasswordHash.TryParse(passwordHash, out var memorySizeKiB, out var iterations, salt, subkey)
            || !IsWithinBounds(memorySizeKiB, iterations)
            || !Argon2idKdf.Matches(password, salt, memorySizeKiB, iterations, subkey))
        {
            return PasswordVerification.Failed;
        }

        return memorySizeKiB < _memorySizeKiB || iterations < _iterations
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Success;
    }

    /// <summary>At most twice the configured memory and twice the configured work, so a stored hash can neither hold
    /// more memory nor stretch the answer beyond what an unknown user's verification costs twice over.</summary>
    private bool IsWithinBounds(long memorySizeKiB, long iterations) =>
        memorySizeKiB >= Argon2idKdf.MinimumMemorySizeKiB
        && memorySizeKiB <= 2 * _memorySizeKiB
        && iterations >= 1
        && iterations <= 2 * _work / memorySizeKiB;

    /// <summary>Any other string: a PBKDF2 hash a user brought along, or nothing this library wrote (then it fails, unread).</summary>
    private PasswordVerification VerifyPbkdf2(string? passwordHash, string password) =>
        !string.IsNullOrEmpty(passwordHash) && Pbkdf2PasswordHashes.Verify(passwordHash, password, _passwords) != PasswordVerification.Failed
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Failed;

    /// <summary>
    /// Derives on a throwaway input for the Argon2id work the stored hash did not spend: as few passes as the
    /// configured memory allows, over the memory that makes up the rest (at most one KiB-pass per pass too much).
    /// </summary>
    private void TopUpToConfiguredWork(long spent)
    {
        var missing = _work - spent;
        if (missing < Argon2idKdf.MinimumMemorySizeKiB)
        {
            return;
        }

        var iterations = (missing + _memorySizeKiB - 1) / _memorySizeKiB;
        var memorySizeKiB = Math.Max(Argon2idKdf.MinimumMemorySizeKiB, (missing + iterations - 1) / iterations);
        Span<byte> discarded = stackalloc byte[Argon2idPasswordHash.SubkeyBytes];
        Argon2idKdf.Derive(PaddingPassword, PaddingSalt, memorySizeKiB, iterations, discarded);
    }

    /// <summary>The buffer <see cref="TryEncode"/> needs; 0 for a password refused by length alone.</summary>
    private int MaxUtf8Bytes(string? password) =>
        string.IsNullOrEmpty(password) || password.Length > _passwords.MaxPasswordLength ? 0 : Encoding.UTF8.GetMaxByteCount(password.Length);

    /// <summary>
    /// The password's UTF-8 bytes, when it is acceptable: 1 to the configured maximum characters of well-formed UTF-16.
    /// Ill-formed text has no single UTF-8 encoding, and replacing a lone surrogate would make passwords collide.
    /// </summary>
    private bool TryEncode([NotNullWhen(true)] string? password, Span<byte> buffer, out int length)
    {
        length = 0;
        return MaxUtf8Bytes(password) > 0
            && Utf8.FromUtf16(password, buffer, out _, out length, replaceInvalidSequences: false) == OperationStatus.Done;
    }

    private static void Return(Span<byte> buffer, byte[]? rented)
    {
        CryptographicOperations.ZeroMemory(buffer);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
