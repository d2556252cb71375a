using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Credentials.Secrets;

/// <summary>
/// The 32-byte SHA-256 or HMAC-SHA-256 digest of a secret: what stores keep and index instead of the secret itself.
/// A value type so an in-memory lookup by hash allocates nothing.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct SecretHash : IEquatable<SecretHash>
{
    /// <summary>The length of a digest in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private SecretHash(ReadOnlySpan<byte> digest)
    {
        _a = BinaryPrimitives.ReadUInt64BigEndian(digest);
        _b = BinaryPrimitives.ReadUInt64BigEndian(digest[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(digest[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(digest[24..]);
    }

    /// <summary>Reads a digest that a store persisted with <see cref="ToArray"/> or <see cref="CopyTo"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not exactly <see cref="Length"/> bytes.</exception>
    public static SecretHash FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Length)
        {
            throw new ArgumentException($"A secret hash is exactly {Length} bytes; got {digest.Length}.", nameof(digest));
        }

        return new SecretHash(digest);
    }

    /// <summary>Writes the digest's 32 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination needs {Length} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The digest as a new 32-byte array, for stores that persist bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Compares every byte whatever the first difference, so timing reveals nothing about where two digests differ.</summary>
    public bool Equals(SecretHash other) =>
        ((_a ^ other._a) | (_b ^ other._b) | (_c ^ other._c) | (_d ^ other._d)) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SecretHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)(_a ^ (_a >> 32));

    /// <summary>A fixed text: digests stay out of logs and exception messages.</summary>
    public override string ToString() => "SecretHash(redacted)";

    /// <summary>Compares two digests in constant time.</summary>
    public static bool operator ==(SecretHash left, SecretHash right) => left.Equals(right);

    /// <summary>Compares two digests in constant time.</summary>
    public static bool operator !=(SecretHash left, SecretHash right) => !left.Equals(right);
}
