using System.Security.Cryptography;

namespace Credentials.Secrets;

/// <summary>The operating system's CSPRNG, through <see cref="RandomNumberGenerator"/>.</summary>
internal sealed class CryptoSecretRandom : ISecretRandom
{
    public static CryptoSecretRandom Instance { get; } = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
