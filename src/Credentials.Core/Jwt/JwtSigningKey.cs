using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>
/// One loaded signing key: its algorithm, RFC 7638 <c>kid</c>, the IdentityModel key and signature providers, and
/// its public JWK members for the JWKS. <see cref="JwtSigningKeyLoader"/> builds it from configuration.
/// </summary>
internal sealed class JwtSigningKey
{
    internal JwtSigningKey(JwsAlgorithm algorithm, SecurityKey key, string keyId, bool hasPrivateKey, int signatureLength, KeyValuePair<string, string>[] publicMembers)
    {
        Algorithm = algorithm;
        AlgorithmName = algorithm.ToString();
        KeyId = keyId;
        KeyIdUtf8 = Encoding.UTF8.GetBytes(keyId);
        key.KeyId = keyId;
        SecurityKey = key;
        HasPrivateKey = hasPrivateKey;
        SignatureLength = signatureLength;
        PublicMembers = publicMembers;
        Verifier = key.CryptoProviderFactory.CreateForVerifying(key, AlgorithmName);
        SigningCredentials = hasPrivateKey ? new SigningCredentials(key, AlgorithmName) : null;
    }

    public JwsAlgorithm Algorithm { get; }

    /// <summary>The <c>alg</c> header value, e.g. <c>ES256</c>.</summary>
    public string AlgorithmName { get; }

    /// <summary>The RFC 7638 thumbprint of the key.</summary>
    public string KeyId { get; }

    public byte[] KeyIdUtf8 { get; }

    public SecurityKey SecurityKey { get; }

    public bool HasPrivateKey { get; }

    /// <summary>The exact length of a valid signature in bytes (32 for HS256, 64 for ES256, the modulus size for RS256).</summary>
    public int SignatureLength { get; }

    /// <summary>JWK members of the public key (<c>kty</c>, <c>crv</c>/<c>x</c>/<c>y</c> or <c>n</c>/<c>e</c>); empty for HMAC keys, which are never published.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PublicMembers { get; }

    public SignatureProvider Verifier { get; }

    /// <summary>Null when only the public key is known.</summary>
    public SigningCredentials? SigningCredentials { get; }
}
