using System.Security.Cryptography;
using Credentials.Secrets;

namespace Credentials.Testing;

/// <summary>Hashes for the suites' records, shared by both suites.</summary>
internal static class SecretHashes
{
    /// <summary>A hash no other test produces: 32 bytes from the CSPRNG.</summary>
    public static SecretHash RandomHash() => SecretHash.FromBytes(RandomNumberGenerator.GetBytes(SecretHash.Length));
}
