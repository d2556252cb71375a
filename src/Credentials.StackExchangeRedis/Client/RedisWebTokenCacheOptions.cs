namespace Credentials.StackExchangeRedis.Client;

/// <summary>Where a <see cref="RedisWebTokenCache"/> keeps the shared token, and how long its refresh lock lasts.</summary>
public sealed class RedisWebTokenCacheOptions
{
    /// <summary>
    /// The Redis key of the shared token; every instance that uses the same API key must use the same key, and
    /// instances of different API keys different ones. The refresh lock lives beside it, at this key + <c>:refresh-lock</c>.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// How long the refresh lock lasts if its holder never releases it (it died): the longest one crashed instance can
    /// hold the others back. Keep it above a normal fetch: a fetch that outlasts it may overlap the next instance's.
    /// Default 10 seconds; between 100 milliseconds and 10 minutes.
    /// </summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an instance waiting for the refresh lock asks for it again. Default 50 milliseconds; above zero and below <see cref="LockDuration"/>.</summary>
    public TimeSpan LockRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    internal void Validate()
    {
        const string Path = nameof(RedisWebTokenCacheOptions);
        if (string.IsNullOrWhiteSpace(Key))
        {
            throw new ArgumentException($"{Path}.{nameof(Key)} must name the Redis key of the shared token.", nameof(Key));
        }

        if (LockDuration < TimeSpan.FromMilliseconds(100) || LockDuration > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"{Path}.{nameof(LockDuration)} must be between 100 milliseconds and 10 minutes; got {LockDuration}.", nameof(LockDuration));
        }

        if (LockRetryDelay <= TimeSpan.Zero || LockRetryDelay >= LockDuration)
        {
            throw new ArgumentException($"{Path}.{nameof(LockRetryDelay)} must be above zero and below {nameof(LockDuration)}; got {LockRetryDelay}.", nameof(LockRetryDelay));
        }
    }
}
