using System.Collections.Concurrent;
using Credentials.Secrets;

namespace Credentials.Jwt;

/// <summary>
/// Remembers valid tokens by the SHA-256 of their text, so a client presenting the same token for days pays a hash
/// and a lookup instead of a signature check. An entry is served only while the token has not expired and the key
/// ring is unchanged (any key change, a retirement above all, sends the token through full validation again).
/// Bounded: when full, it starts over, which costs one round of full validations and no lock on the hot path.
/// </summary>
internal sealed class ValidatedJwtCache(int capacity)
{
    private readonly ConcurrentDictionary<SecretHash, Entry> _entries = new();
    private int _count;

    public bool TryGet(SecretHash hash, long nowMs, int ringVersion, out JwtValidationResult result)
    {
        if (_entries.TryGetValue(hash, out var entry) && nowMs < entry.ExpiresAtMs && entry.RingVersion == ringVersion)
        {
            result = entry.Result;
            return true;
        }

        result = null!;
        return false;
    }

    /// <param name="hash">The SHA-256 of the token.</param>
    /// <param name="result">A successful validation.</param>
    /// <param name="expiresAtMs">When the token stops being valid (its <c>exp</c> plus the clock skew), in Unix milliseconds.</param>
    /// <param name="ringVersion">The key ring's version the token was validated under.</param>
    public void Add(SecretHash hash, JwtValidationResult result, long expiresAtMs, int ringVersion)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _entries[hash] = new Entry(result, expiresAtMs, ringVersion);
    }

    private sealed record Entry(JwtValidationResult Result, long ExpiresAtMs, int RingVersion);
}
