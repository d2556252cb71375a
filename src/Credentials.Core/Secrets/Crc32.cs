namespace Credentials.Secrets;

/// <summary>
/// CRC-32 (the IEEE 802.3 polynomial, reflected 0xEDB88320, as in zlib and PNG). Not a security measure: it lets a
/// key's shape reject typos and random strings before any hashing or store call, as GitHub's token checksums do.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of the UTF-16 code units of <paramref name="text"/>, each taken as one byte (callers pass ASCII only).</summary>
    public static uint OfAscii(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
