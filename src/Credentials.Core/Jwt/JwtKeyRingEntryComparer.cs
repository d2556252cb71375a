namespace Credentials.Jwt;

/// <summary>Entries are equal when they name the same key in the same state until the same instant: a managed reload that finds nothing new keeps its snapshot, and the validations cached under it.</summary>
internal sealed class JwtKeyRingEntryComparer : IEqualityComparer<JwtKeyRingEntry>
{
    public static readonly JwtKeyRingEntryComparer Instance = new();

    public bool Equals(JwtKeyRingEntry? x, JwtKeyRingEntry? y) =>
        x?.Key.KeyId == y?.Key.KeyId && x?.State == y?.State && x?.RetiresAt == y?.RetiresAt;

    public int GetHashCode(JwtKeyRingEntry obj) => obj.Key.KeyId.GetHashCode(StringComparison.Ordinal);
}
