using System.Security.Cryptography;

namespace Credentials.Jwt;

/// <summary>Makes the key pairs of managed keys and reads them back from their PKCS#8 form.</summary>
internal static class ManagedSigningKeyMaterial
{
    /// <summary>A new key pair; <paramref name="pkcs8"/> is its private key, which the caller protects and then clears.</summary>
    public static JwtSigningKey Create(string algorithm, out byte[] pkcs8)
    {
        if (algorithm == "RS256")
        {
            var rsa = RSA.Create(JwtOptions.MinimumRsaKeyBits);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
            return Rs256KeyLoader.FromRsa(rsa, hasPrivateKey: true);
        }

        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        return Es256KeyLoader.FromEcdsa(ecdsa, hasPrivateKey: true);
    }

    /// <summary>The key a stored record holds.</summary>
    /// <exception cref="CryptographicException">The bytes are no key of the record's algorithm, or not the key its <c>kid</c> names.</exception>
    public static JwtSigningKey Load(StoredSigningKey record, byte[] pkcs8)
    {
        JwtSigningKey key;
        if (record.Algorithm == "RS256")
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            key = Rs256KeyLoader.FromRsa(rsa, hasPrivateKey: true);
        }
        else if (record.Algorithm == "ES256")
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            key = Es256KeyLoader.FromEcdsa(ecdsa, hasPrivateKey: true);
        }
        else
        {
            throw new CryptographicException($"Stored signing key generation {record.Generation} has an unknown algorithm.");
        }

        // The kid is the thumbprint of what was opened, so a record whose parts were swapped or altered is refused.
        if (key.KeyId != record.KeyId)
        {
            throw new CryptographicException($"Stored signing key generation {record.Generation} does not match its kid.");
        }

        return key;
    }
}
