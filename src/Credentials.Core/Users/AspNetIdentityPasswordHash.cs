using System.Buffers.Binary;
using System.Security.Cryptography;
using Credentials.Secrets;

namespace Credentials.Users;

/// <summary>
/// Reads the hashes ASP.NET Core Identity's <c>PasswordHasher</c> stores (base64 of the bytes below), so users can
/// move to this library and be rehashed at their next login. Written from the format description:
/// <list type="bullet">
/// <item>V2: <c>0x00</c>, 16-byte salt, 32-byte subkey; PBKDF2-HMAC-SHA1, 1,000 iterations.</item>
/// <item>V3: <c>0x01</c>, then big-endian uint32 PRF (0 SHA-1, 1 SHA-256, 2 SHA-512), iteration count and salt
/// length, the salt, and the subkey (the rest, at least 16 bytes).</item>
/// </list>
/// </summary>
internal static class AspNetIdentityPasswordHash
{
    private const int MaxEncodedLength = 512;
    private const int MinimumSaltOrSubkeyBytes = 16;
    private const int V2SaltBytes = 16;
    private const int V2SubkeyBytes = 32;
    private const int V2Iterations = 1000;
    private const int V3HeaderBytes = 13;

    /// <summary>
    /// True when <paramref name="passwordHash"/> is a well-formed Identity V2 or V3 hash of <paramref name="password"/>
    /// whose derivation costs at most <paramref name="maxCost"/> (<see cref="PasswordKdf.Cost"/>).
    /// </summary>
    public static bool Matches(string passwordHash, string password, long maxCost)
    {
        if (passwordHash.Length is 0 or > MaxEncodedLength)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[MaxEncodedLength / 4 * 3];
        if (!Convert.TryFromBase64String(passwordHash, decoded, out var length) || length == 0)
        {
            return false;
        }

        decoded = decoded[..length];
        return decoded[0] switch
        {
            0x00 => MatchesV2(decoded, password, maxCost),
            0x01 => MatchesV3(decoded, password, maxCost),
            _ => false,
        };
    }

    private static bool MatchesV2(ReadOnlySpan<byte> hash, string password, long maxCost) =>
        hash.Length == 1 + V2SaltBytes + V2SubkeyBytes
        && PasswordKdf.Matches(password, hash.Slice(1, V2SaltBytes), V2Iterations, HashAlgorithmName.SHA1, hash[(1 + V2SaltBytes)..], maxCost);

    private static bool MatchesV3(ReadOnlySpan<byte> hash, string password, long maxCost)
    {
        if (hash.Length < V3HeaderBytes + (2 * MinimumSaltOrSubkeyBytes))
        {
            return false;
        }

        HashAlgorithmName? prf = BinaryPrimitives.ReadUInt32BigEndian(hash[1..]) switch
        {
            0 => HashAlgorithmName.SHA1,
            1 => HashAlgorithmName.SHA256,
            2 => HashAlgorithmName.SHA512,
            _ => null,
        };
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(hash[5..]);
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(hash[9..]);
        if (prf is null || iterations is 0 or > int.MaxValue
            || saltLength < MinimumSaltOrSubkeyBytes || saltLength > hash.Length - V3HeaderBytes - MinimumSaltOrSubkeyBytes)
        {
            return false;
        }

        var salt = hash.Slice(V3HeaderBytes, (int)saltLength);
        return PasswordKdf.Matches(password, salt, (int)iterations, prf.Value, hash[(V3HeaderBytes + (int)saltLength)..], maxCost);
    }
}
