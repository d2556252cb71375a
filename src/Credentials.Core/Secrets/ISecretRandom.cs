namespace Credentials.Secrets;

/// <summary>The source of every random byte a secret is made of. Tests substitute a fixed source for known-answer tests.</summary>
internal interface ISecretRandom
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}
