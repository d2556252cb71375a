namespace Credentials.Jwt;

/// <summary>The shape of an ES256 signature: <c>r || s</c>, 32 bytes each.</summary>
internal static class Es256Signature
{
    // Each of r and s is an integer in [1, n-1] for the P-256 group order n (FIPS 186-4, D.1.2.3).
    private static readonly byte[] P256Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    /// <summary>
    /// Rejects r or s equal to zero or not below the group order before the signature reaches the platform's
    /// verifier: the checks CVE-2022-21449 showed an implementation can forget.
    /// </summary>
    public static bool HasScalarsInRange(ReadOnlySpan<byte> signature)
    {
        var r = signature[..32];
        var s = signature[32..];
        return !IsZero(r) && !IsZero(s) && r.SequenceCompareTo(P256Order) < 0 && s.SequenceCompareTo(P256Order) < 0;

        static bool IsZero(ReadOnlySpan<byte> value) => !value.ContainsAnyExcept((byte)0);
    }
}
