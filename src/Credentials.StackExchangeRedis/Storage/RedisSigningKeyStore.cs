using System.Globalization;
using Credentials.Jwt;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// <see cref="ISigningKeyStore"/> on Redis (<c>UseRedisSigningKeys()</c>), shared by every instance with the same
/// server and key prefix. Adding is one script that checks the generation and the <c>kid</c> and writes in the same
/// step, so instances that find a successor due at once make one key between them. Keys carry no TTL: the key ring
/// deletes each once every token it signed has expired. Instants are UTC ticks; the sealed private key is stored as
/// its bytes.
/// </summary>
internal sealed class RedisSigningKeyStore(RedisConnection connection, string prefix) : ISigningKeyStore
{
    private readonly string _keyPrefix = prefix + "sk:k:";
    private readonly RedisKey _generations = prefix + "sk:generations";
    private readonly RedisKey _kids = prefix + "sk:kids";

    public async ValueTask<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        var result = await connection.EvaluateAsync("SigningKeys.List", SigningKeyScripts.List, new
        {
            generations = _generations,
            keyPrefix = _keyPrefix,
        }, cancellationToken).ConfigureAwait(false);
        return [.. ((RedisResult[])result!).Select(entry => Read((RedisResult[])entry!))];
    }

    public async ValueTask<bool> TryAddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = await connection.EvaluateAsync("SigningKeys.TryAdd", SigningKeyScripts.TryAdd, new
        {
            generations = _generations,
            kids = _kids,
            keyPrefix = _keyPrefix,
            generation = key.Generation,
            kid = key.KeyId,
            alg = key.Algorithm,
            created = key.CreatedAt.UtcTicks,
            activates = key.ActivatesAt.UtcTicks,
            key = key.ProtectedPrivateKey,
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask<bool> DeleteAsync(long generation, CancellationToken cancellationToken)
    {
        var result = await connection.EvaluateAsync("SigningKeys.Delete", SigningKeyScripts.Delete, new
        {
            key = (RedisKey)(_keyPrefix + generation.ToString(CultureInfo.InvariantCulture)),
            generations = _generations,
            kids = _kids,
            generation,
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    private static StoredSigningKey Read(RedisResult[] fields) => new()
    {
        Generation = (long)fields[0],
        KeyId = (string)fields[1]!,
        Algorithm = (string)fields[2]!,
        CreatedAt = new DateTimeOffset((long)fields[3], TimeSpan.Zero),
        ActivatesAt = new DateTimeOffset((long)fields[4], TimeSpan.Zero),
        ProtectedPrivateKey = (byte[])fields[5]!,
    };
}
