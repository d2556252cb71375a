using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// <see cref="IWebTokenStore"/> on Redis, shared by every instance that uses the same server and key prefix. Each
/// method is one Lua script, so the single-active replacement is one atomic step on the server whatever the number of
/// writers. A token's slot and index entry expire <see cref="RedisCredentialsOptions.ExpiredTokenRetention"/> after
/// the token does, so Redis cleans up by itself; <see cref="PurgeExpiredAsync"/> only drops expired tokens sooner.
/// </summary>
internal sealed class RedisWebTokenStore : IWebTokenStore
{
    private const int PurgeBatchSize = 1000;

    private readonly RedisConnection _connection;
    private readonly TimeProvider _time;
    private readonly WebTokenKeys _keys;
    private readonly TimeSpan _retention;

    public RedisWebTokenStore(RedisConnection connection, IOptions<RedisCredentialsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _time = time;
        _keys = new WebTokenKeys(options.Value.KeyPrefix);
        _retention = options.Value.ExpiredTokenRetention;
    }

    public async ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = WebTokenKeys.Hex(token.Hash);
        var now = _time.GetUtcNow();
        // A token already past its retention still replaces the previous one; its own entries live a millisecond.
        var ttl = Math.Max(1, (long)Math.Ceiling((token.ExpiresAt + _retention - now).TotalMilliseconds));
        await _connection.EvaluateAsync("WebTokens.Replace", WebTokenScripts.Replace, new
        {
            slot = _keys.Slot(token.Subject),
            index = _keys.Index(hash),
            expiries = _keys.Expiries,
            indexPrefix = _keys.IndexPrefix,
            hash,
            subject = token.Subject,
            issued = token.IssuedAt.UtcTicks,
            expires = token.ExpiresAt.UtcTicks,
            hasPepper = token.PepperId is null ? 0 : 1,
            pepper = token.PepperId ?? string.Empty,
            ttl,
            expiresMs = token.ExpiresAt.ToUnixTimeMilliseconds(),
            forgottenBeforeMs = (now - _retention).ToUnixTimeMilliseconds(),
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        var hex = WebTokenKeys.Hex(hash);
        var result = await _connection.EvaluateAsync("WebTokens.FindByHash", WebTokenScripts.Find, new
        {
            index = _keys.Index(hex),
            slotPrefix = _keys.SlotPrefix,
            hash = hex,
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var fields = (RedisResult[])result!;
        return new WebToken
        {
            Subject = (string)fields[0]!,
            Hash = hash,
            PepperId = (string?)fields[1],
            IssuedAt = new DateTimeOffset((long)fields[2], TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset((long)fields[3], TimeSpan.Zero),
        };
    }

    public async ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken)
    {
        var result = await _connection.EvaluateAsync("WebTokens.Revoke", WebTokenScripts.Revoke, new
        {
            slot = _keys.Slot(subject),
            expiries = _keys.Expiries,
            indexPrefix = _keys.IndexPrefix,
            subject,
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <remarks>Each batch of subjects is one atomic step; a purge of more than a batch takes several.</remarks>
    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var result = await _connection.EvaluateAsync("WebTokens.PurgeExpired", WebTokenScripts.PurgeBatch, new
            {
                expiries = _keys.Expiries,
                slotPrefix = _keys.SlotPrefix,
                indexPrefix = _keys.IndexPrefix,
                nowMs = now.ToUnixTimeMilliseconds(),
                batch = PurgeBatchSize,
            }, cancellationToken).ConfigureAwait(false);
            var counts = (RedisResult[])result!;
            purged += (int)counts[0];
            if ((int)counts[1] < PurgeBatchSize)
            {
                return purged;
            }
        }
    }
}
