namespace Credentials.Jwt;

/// <summary>
/// Seals the private part of a managed signing key before it reaches an <see cref="ISigningKeyStore"/>, and opens it
/// when an instance loads the key. Credentials.AspNetCore backs it with ASP.NET Core Data Protection
/// (<c>UseDataProtectionForSigningKeys()</c>); a host can back it with a KMS. Every instance sharing a store must be
/// able to open what any of them sealed. Asynchronous, because a KMS is a network call.
/// </summary>
public interface ISigningKeyProtector
{
    /// <summary>Seals <paramref name="privateKey"/> (a PKCS#8 private key).</summary>
    /// <param name="privateKey">The plain private key; the caller clears it afterwards.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sealed bytes to store.</returns>
    ValueTask<byte[]> ProtectAsync(byte[] privateKey, CancellationToken cancellationToken);

    /// <summary>Opens what <see cref="ProtectAsync"/> sealed.</summary>
    /// <param name="protectedPrivateKey">The stored bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plain private key.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The bytes were not sealed by this protector's key, or were altered.</exception>
    ValueTask<byte[]> UnprotectAsync(byte[] protectedPrivateKey, CancellationToken cancellationToken);
}
