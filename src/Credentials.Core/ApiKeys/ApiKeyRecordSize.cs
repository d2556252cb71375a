namespace Credentials.ApiKeys;

/// <summary>
/// The approximate memory a cached key record holds, in bytes: what the verification cache counts against its byte
/// budget. It errs high (shared strings are counted for every record) rather than let large records overrun the budget.
/// </summary>
internal static class ApiKeyRecordSize
{
    /// <summary>
    /// The record object (two hashes, four instants, ids), the cache entry and its three index nodes (uuid, current
    /// hash, previous hash), with 64-bit object headers: about 550 bytes, rounded up.
    /// </summary>
    private const int FixedBytes = 640;

    /// <summary>A string's header, length and terminator; its characters are two bytes each.</summary>
    private const int StringOverheadBytes = 24;

    /// <summary>The permission list object and its array's header.</summary>
    private const int ListOverheadBytes = 56;

    public static int Estimate(ApiKey record)
    {
        ArgumentNullException.ThrowIfNull(record);
        long bytes = FixedBytes + ListOverheadBytes
            + Of(record.Name) + Of(record.Prefix) + Of(record.Hint) + Of(record.OwnerId) + Of(record.MetadataJson)
            + Of(record.PepperId) + Of(record.PreviousPepperId);
        var permissions = record.Permissions;
        for (var i = 0; i < permissions.Count; i++)
        {
            bytes += IntPtr.Size + Of(permissions[i]);
        }

        return (int)Math.Min(bytes, int.MaxValue);
    }

    private static long Of(string? text) => text is null ? 0 : StringOverheadBytes + (2L * text.Length);
}
