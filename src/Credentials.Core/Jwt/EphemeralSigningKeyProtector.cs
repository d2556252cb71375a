using System.Security.Cryptography;
using Credentials.Secrets;

namespace Credentials.Jwt;

/// <summary>
/// The default <see cref="ISigningKeyProtector"/>: AES-256-GCM under a key made at start and never written anywhere,
/// so what it seals opens only in this process. It pairs with <see cref="InMemorySigningKeyStore"/> (whose keys die
/// with the process too); a durable store needs a protector every instance shares, and the ring refuses to start
/// without one.
/// </summary>
internal sealed class EphemeralSigningKeyProtector : ISigningKeyProtector, IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly ISecretRandom _random;
    private readonly AesGcm _aes;

    public EphemeralSigningKeyProtector(ISecretRandom random)
    {
        _random = random;
        Span<byte> key = stackalloc byte[32];
        random.Fill(key);
        _aes = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
    }

    public ValueTask<byte[]> ProtectAsync(byte[] privateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var sealedKey = new byte[NonceSize + TagSize + privateKey.Length];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        _random.Fill(nonce);
        _aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(NonceSize + TagSize), sealedKey.AsSpan(NonceSize, TagSize));
        return ValueTask.FromResult(sealedKey);
    }

    public ValueTask<byte[]> UnprotectAsync(byte[] protectedPrivateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protectedPrivateKey);
        if (protectedPrivateKey.Length <= NonceSize + TagSize)
        {
            throw new CryptographicException("The protected signing key is too short.");
        }

        var plain = new byte[protectedPrivateKey.Length - NonceSize - TagSize];
        _aes.Decrypt(
            protectedPrivateKey.AsSpan(0, NonceSize),
            protectedPrivateKey.AsSpan(NonceSize + TagSize),
            protectedPrivateKey.AsSpan(NonceSize, TagSize),
            plain);
        return ValueTask.FromResult(plain);
    }

    public void Dispose() => _aes.Dispose();
}
