using System.Globalization;
using Credentials.Client;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Client;

/// <summary>
/// An <see cref="IWebTokenCache"/> on Redis with a refresh lock: the instances of an application that share one API key
/// share one token, and only one of them refreshes it at a time, so they never retire each other's token. The token
/// lives in Redis for exactly its remaining life; the lock is <c>SET NX PX</c> with a random owner value and
/// <see cref="RedisWebTokenCacheOptions.LockDuration"/> as TTL, released only by its owner.
/// </summary>
/// <remarks>
/// Redis holds the bearer token itself (the other instances must send it), so keep it where only these instances can
/// read. When Redis fails, the cache throws <see cref="RedisCredentialStoreException"/> and the manager's refresh fails
/// (the current token stays in use and the refresh is retried); after a restart without persistence the cache is
/// empty and the next refresh fetches once.
/// </remarks>
public sealed class RedisWebTokenCache : IWebTokenCache, IWebTokenRefreshLock
{
    private readonly IConnectionMultiplexer _multiplexer;
    private readonly RedisKey _tokenKey;
    private readonly RedisKey _lockKey;
    private readonly TimeSpan _lockDuration;
    private readonly TimeSpan _lockRetryDelay;
    private readonly TimeProvider _time;

    /// <summary>A cache on <paramref name="multiplexer"/>, at the key <paramref name="options"/> names.</summary>
    /// <param name="multiplexer">The host's connection to Redis; not disposed here.</param>
    /// <param name="options">The key and the lock's timing; read once, here.</param>
    /// <param name="timeProvider">The clock for the token's TTL and the lock's retries; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public RedisWebTokenCache(IConnectionMultiplexer multiplexer, RedisWebTokenCacheOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _multiplexer = multiplexer;
        _tokenKey = options.Key;
        _lockKey = options.Key + ":refresh-lock";
        _lockDuration = options.LockDuration;
        _lockRetryDelay = options.LockRetryDelay;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <exception cref="RedisCredentialStoreException">Redis did not answer.</exception>
    public async ValueTask<FetchedWebToken?> GetAsync(CancellationToken cancellationToken)
    {
        var value = await RunAsync("WebTokenCache.Get", database => database.StringGetAsync(_tokenKey), cancellationToken).ConfigureAwait(false);
        return Decode(value);
    }

    /// <inheritdoc />
    /// <remarks>Stored with a TTL equal to the token's remaining life; a token already expired clears the cache instead.</remarks>
    /// <exception cref="RedisCredentialStoreException">Redis did not answer.</exception>
    public async ValueTask SetAsync(FetchedWebToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var remaining = token.ExpiresAt - _time.GetUtcNow();
        await RunAsync("WebTokenCache.Set", database => remaining > TimeSpan.Zero
            ? database.StringSetAsync(_tokenKey, Encode(token), remaining)
            : database.KeyDeleteAsync(_tokenKey), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="RedisCredentialStoreException">Redis did not answer.</exception>
    public async ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(CancellationToken cancellationToken)
    {
        // A fresh owner value per attempt: only this lease may release what it took.
        RedisValue owner = Guid.NewGuid().ToString("N");
        while (true)
        {
            var taken = await RunAsync(
                "WebTokenCache.AcquireRefreshLock",
                database => database.StringSetAsync(_lockKey, owner, _lockDuration, When.NotExists),
                cancellationToken).ConfigureAwait(false);
            if (taken)
            {
                return new RedisRefreshLease(_multiplexer.GetDatabase(), _lockKey, owner);
            }

            await Task.Delay(_lockRetryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The expiry in Unix milliseconds, a colon, then the token.</summary>
    private static RedisValue Encode(FetchedWebToken token) =>
        string.Create(CultureInfo.InvariantCulture, $"{token.ExpiresAt.ToUnixTimeMilliseconds()}:{token.Token}");

    /// <summary>The shared token, or null when there is none or the value is not one this cache wrote.</summary>
    private static FetchedWebToken? Decode(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var text = (string)value!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1 &&
               long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs) &&
               expiresMs <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? new FetchedWebToken(text[(colon + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(expiresMs))
            : null;
    }

    private async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await command(_multiplexer.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // Names the operation only: the key may say whose token it is, and the value is the token.
            throw new RedisCredentialStoreException($"Redis did not complete {operation}.", exception);
        }
    }
}
