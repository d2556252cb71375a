namespace Credentials.Secrets;

/// <summary>
/// CRC-32 (the IEEE 802.3 polynomial, reflected 0xEDB88320, as in zlib and PNG). Not a security measure: it lets a
/// key's shape reject typos and random strings before any hashing or store call, as GitHub's token checksums do.
/// </summary>
internal static class Crc32
{
    /// <summary>
    /// Eight 256-entry tables for slicing-by-8 (Intel's method): eight bytes per step instead of one, which cuts the
    /// dependency chain that makes the byte-wise loop slow. Table 0 is the classic byte-wise table.
    /// </summary>
    private static readonly uint[] Tables = BuildTables();

    /// <summary>CRC-32 of the UTF-16 code units of <paramref name="text"/>, each taken as one byte (callers pass ASCII only).</summary>
    public static uint OfAscii(ReadOnlySpan<char> text)
    {
        var t = Tables;
        var crc = 0xFFFFFFFFu;
        while (text.Length >= 8)
        {
            var low = crc ^ (uint)((byte)text[0] | ((byte)text[1] << 8) | ((byte)text[2] << 16) | ((byte)text[3] << 24));
            var high = (uint)((byte)text[4] | ((byte)text[5] << 8) | ((byte)text[6] << 16) | ((byte)text[7] << 24));
            crc = t[(7 * 256) + (low & 0xFF)] ^ t[(6 * 256) + ((low >> 8) & 0xFF)] ^
                  t[(5 * 256) + ((low >> 16) & 0xFF)] ^ t[(4 * 256) + (low >> 24)] ^
                  t[(3 * 256) + (high & 0xFF)] ^ t[(2 * 256) + ((high >> 8) & 0xFF)] ^
                  t[256 + ((high >> 16) & 0xFF)] ^ t[high >> 24];
            text = text[8..];
        }

        foreach (var c in text)
        {
            crc = t[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            tables[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = tables[((slice - 1) * 256) + n];
                tables[(slice * 256) + n] = (previous >> 8) ^ tables[previous & 0xFF];
            }
        }

        return tables;
    }
}
