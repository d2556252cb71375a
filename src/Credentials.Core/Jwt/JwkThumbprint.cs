using Credentials.Secrets;

namespace Credentials.Jwt;

/// <summary>
/// RFC 7638 JWK thumbprints, used as every key's <c>kid</c> so the same key always gets the same id on every instance.
/// The canonical form is the key type's required members only, in lexicographic order, with no whitespace; the
/// members are base64url strings that JSON never escapes, so plain concatenation is the canonical JSON.
/// </summary>
internal static class JwkThumbprint
{
    /// <summary>RFC 7638 section 3.2: <c>crv</c>, <c>kty</c>, <c>x</c>, <c>y</c>.</summary>
    public static string ForEc(string crv, string x, string y) =>
        Digest($$"""{"crv":"{{crv}}","kty":"EC","x":"{{x}}","y":"{{y}}"}""");

    /// <summary>RFC 7638 section 3.2: <c>e</c>, <c>kty</c>, <c>n</c>.</summary>
    public static string ForRsa(string n, string e) => Digest($$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""");

    /// <summary>RFC 7638 section 3.2: <c>k</c>, <c>kty</c>. The digest of a 256-bit secret reveals nothing usable about it.</summary>
    public static string ForOctet(string k) => Digest($$"""{"k":"{{k}}","kty":"oct"}""");

    private static string Digest(string canonicalJson)
    {
        var digest = SecretHasher.Sha256(canonicalJson).ToArray();
        return JoseBase64Url.Encode(digest);
    }
}
