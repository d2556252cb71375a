namespace Credentials.Jwt;

/// <summary>An immutable view of the ring; <see cref="Version"/> changes with every change, so cached validations can tell.</summary>
internal sealed class JwtKeyRingSnapshot(JwtKeyRingEntry[] entries, int version)
{
    public JwtKeyRingEntry[] Entries { get; } = entries;

    public int Version { get; } = version;

    public JwtKeyRingEntry? Active { get; } = entries.FirstOrDefault(e => e.State == JwtKeyState.Active);

    public JwtKeyRingEntry? Find(string keyId) => Array.Find(Entries, e => e.Key.KeyId == keyId);
}
