using System.Security.Cryptography;

namespace Credentials.Secrets;

/// <summary>The source of every random byte a secret is made of. Tests substitute a fixed source for known-answer tests.</summary>
internal interface ISecretRandom
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}

/// <summary>The operating system's CSPRNG, through <see cref="RandomNumberGenerator"/>.</summary>
internal sealed class CryptoSecretRandom : ISecretRandom
{
    public static CryptoSecretRandom Instance { get; } = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
