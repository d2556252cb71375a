namespace Credentials.Jwt;

/// <summary>
/// A managed signing key as an <see cref="ISigningKeyStore"/> keeps it: when it was announced, when it starts signing,
/// and its private part as the <see cref="ISigningKeyProtector"/> sealed it. The key's retirement is not stored: it
/// follows from its successor's <see cref="ActivatesAt"/>, so every instance works it out the same way.
/// </summary>
public sealed class StoredSigningKey
{
    /// <summary>
    /// The key's place in the sequence: 1 for the first key, one more for each successor. The store holds at most one
    /// key per generation, so instances that decide at the same moment that a key is due create one key between them.
    /// </summary>
    public required long Generation { get; init; }

    /// <summary>The key's <c>kid</c>: the RFC 7638 thumbprint of its public part.</summary>
    public required string KeyId { get; init; }

    /// <summary><c>ES256</c> or <c>RS256</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>When the key was made and first published in the JWKS.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key starts signing (and the key before it stops): at least the propagation time after <see cref="CreatedAt"/>, except for the very first key.</summary>
    public required DateTimeOffset ActivatesAt { get; init; }

    /// <summary>The private key (PKCS#8) as <see cref="ISigningKeyProtector.ProtectAsync"/> returned it: never the plain key.</summary>
    public required byte[] ProtectedPrivateKey { get; init; }

    /// <summary>The generation, <c>kid</c>, algorithm and instants; never the key material, protected or not.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"{{ Generation = {Generation}, KeyId = {KeyId}, Algorithm = {Algorithm}, CreatedAt = {CreatedAt:O}, ActivatesAt = {ActivatesAt:O} }}";
}
