using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.Secrets;

/// <summary>
/// Hashes high-entropy secrets (API keys, web tokens) with SHA-256, or HMAC-SHA-256 under a named pepper.
/// Keyed hashing reuses one <see cref="IncrementalHash"/> per thread and pepper: setting up an HMAC key costs more
/// than the hash itself, and a shared instance is not thread-safe.
/// </summary>
internal sealed class SecretHasher : IDisposable
{
    /// <summary>Secrets longer than this are never hashed; format checks reject them first.</summary>
    public const int MaxSecretLength = 1024;

    private readonly Dictionary<string, ThreadLocal<IncrementalHash>> _hmacs;

    public SecretHasher(SecretHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hmacs = new Dictionary<string, ThreadLocal<IncrementalHash>>(StringComparer.Ordinal);
        foreach (var (id, pepper) in options.Peppers)
        {
            var key = pepper.ToArray();
            _hmacs[id] = new ThreadLocal<IncrementalHash>(
                () => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), trackAllValues: true);
        }

        CurrentPepperId = options.CurrentPepperId;
        var ids = new List<string?> { CurrentPepperId };
        ids.AddRange(options.Peppers.Keys.Where(id => id != CurrentPepperId).Order(StringComparer.Ordinal));
        if (CurrentPepperId is not null)
        {
            // Secrets stored before the first pepper was configured were hashed with plain SHA-256; they keep working.
            ids.Add(null);
        }

        PepperIdsCurrentFirst = ids;
    }

    /// <summary>The pepper that hashes new secrets; null means plain SHA-256.</summary>
    public string? CurrentPepperId { get; }

    /// <summary>
    /// Every pepper id a stored hash may name, the current one first, then retired peppers, then null (plain SHA-256,
    /// for secrets stored before any pepper was configured).
    /// </summary>
    public IReadOnlyList<string?> PepperIdsCurrentFirst { get; }

    /// <summary>Hashes <paramref name="secret"/> with the current pepper.</summary>
    public SecretHash Hash(ReadOnlySpan<char> secret)
    {
        TryHash(secret, CurrentPepperId, out var hash);
        return hash;
    }

    /// <summary>
    /// Finds the stored record of a presented secret, for every primitive alike: hashes it under each configured pepper,
    /// current first, and looks each hash up until a record is found that <paramref name="hashedBy"/> confirms was hashed
    /// under that pepper. A record found under a pepper it does not name proves nothing about the secret (only a
    /// misconfiguration, such as the same bytes under two ids, makes one), so the loop goes on to the next pepper rather
    /// than answering. With one pepper (or none) this is one hash and one lookup. Indexed rather than foreach: the
    /// interface enumerator would allocate on every verification.
    /// </summary>
    public ValueTask<PepperedMatch<TRecord>?> FindAsync<TState, TRecord>(
        string secret,
        TState state,
        Func<TState, SecretHash, CancellationToken, ValueTask<TRecord?>> lookup,
        Func<TRecord, SecretHash, string?, bool> hashedBy,
        CancellationToken cancellationToken)
        where TRecord : class
    {
        // Stores that answer synchronously (in memory, a cache) take this path with no async machinery: a generic
        // async method here cost a verification ~0.5 us (measured in WebTokenBenchmarks). A pending lookup goes on in
        // ContinueAsync, which finishes the same loop.
        var pepperIds = PepperIdsCurrentFirst;
        for (var i = 0; i < pepperIds.Count; i++)
        {
            if (!TryHash(secret, pepperIds[i], out var hash))
            {
                continue;
            }

            var pending = lookup(state, hash, cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                return ContinueAsync(secret, state, lookup, hashedBy, i, hash, pending, cancellationToken);
            }

            if (Match(pending.Result, hash, pepperIds[i], hashedBy) is { } match)
            {
                return new(match);
            }
        }

        return new((PepperedMatch<TRecord>?)null);
    }

    private async ValueTask<PepperedMatch<TRecord>?> ContinueAsync<TState, TRecord>(
        string secret,
        TState state,
        Func<TState, SecretHash, CancellationToken, ValueTask<TRecord?>> lookup,
        Func<TRecord, SecretHash, string?, bool> hashedBy,
        int index,
        SecretHash hash,
        ValueTask<TRecord?> pending,
        CancellationToken cancellationToken)
        where TRecord : class
    {
        var pepperIds = PepperIdsCurrentFirst;
        while (true)
        {
            if (Match(await pending.ConfigureAwait(false), hash, pepperIds[index], hashedBy) is { } match)
            {
                return match;
            }

            do
            {
                if (++index == pepperIds.Count)
                {
                    return null;
                }
            }
            while (!TryHash(secret, pepperIds[index], out hash));

            pending = lookup(state, hash, cancellationToken);
        }
    }

    private static PepperedMatch<TRecord>? Match<TRecord>(TRecord? record, SecretHash hash, string? pepperId, Func<TRecord, SecretHash, string?, bool> hashedBy)
        where TRecord : class =>
        record is not null && hashedBy(record, hash, pepperId) ? new PepperedMatch<TRecord>(record, hash, pepperId) : null;

    /// <summary>
    /// Hashes <paramref name="secret"/> with the pepper named <paramref name="pepperId"/> (null: plain SHA-256).
    /// False when that pepper is no longer configured, so a record it hashed can no longer match.
    /// </summary>
    public bool TryHash(ReadOnlySpan<char> secret, string? pepperId, out SecretHash hash)
    {
        if (secret.Length > MaxSecretLength)
        {
            throw new ArgumentException($"Secrets longer than {MaxSecretLength} characters are rejected before hashing.", nameof(secret));
        }

        ThreadLocal<IncrementalHash>? hmac = null;
        if (pepperId is not null && !_hmacs.TryGetValue(pepperId, out hmac))
        {
            hash = default;
            return false;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        Span<byte> digest = stackalloc byte[SecretHash.Length];
        try
        {
            var count = Encoding.UTF8.GetBytes(secret, buffer);
            if (hmac is null)
            {
                SHA256.HashData(buffer[..count], digest);
            }
            else
            {
                var instance = hmac.Value!;
                instance.AppendData(buffer[..count]);
                instance.GetHashAndReset(digest);
            }

            hash = SecretHash.FromBytes(digest);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Plain SHA-256 of a bearer secret that may be longer than <see cref="MaxSecretLength"/> (a JWT, a key's
    /// canonical JWK): an in-memory index, never a stored hash. Callers bound the length before calling.
    /// </summary>
    public static SecretHash Sha256(ReadOnlySpan<char> secret)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        Span<byte> digest = stackalloc byte[SecretHash.Length];
        var count = 0;
        try
        {
            count = Encoding.UTF8.GetBytes(secret, buffer);
            SHA256.HashData(buffer[..count], digest);
            return SecretHash.FromBytes(digest);
        }
        finally
        {
            // Only the bytes written held the secret; clearing the whole stack buffer would cost more than the hash.
            CryptographicOperations.ZeroMemory(buffer[..count]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Constant-time comparison of two byte strings of secret material.</summary>
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);

    public void Dispose()
    {
        foreach (var hmac in _hmacs.Values)
        {
            foreach (var instance in hmac.Values)
            {
                instance.Dispose();
            }

            hmac.Dispose();
        }
    }
}
