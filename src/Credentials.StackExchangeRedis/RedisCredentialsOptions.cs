namespace Credentials.StackExchangeRedis;

/// <summary>How the Redis stores name and keep their keys.</summary>
public sealed class RedisCredentialsOptions
{
    /// <summary>The longest <see cref="KeyPrefix"/> allowed, so every key stays small.</summary>
    public const int MaximumKeyPrefixLength = 64;

    /// <summary>The longest <see cref="ExpiredTokenRetention"/> allowed.</summary>
    public static readonly TimeSpan MaximumExpiredTokenRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// Starts every key the stores write, <c>credentials:</c> by default: give each application (or environment) sharing
    /// one Redis its own. On a Redis cluster put a hash tag in it (<c>{credentials}:</c>): a store's scripts touch
    /// several keys at once, which a cluster allows only within one hash slot.
    /// </summary>
    public string KeyPrefix { get; set; } = "credentials:";

    /// <summary>
    /// How long a web token's (or a login session's) entries outlive its expiry before Redis drops them, one minute by
    /// default: meanwhile the token answers "expired" rather than "unknown", and instances whose clocks run a little
    /// behind still judge it themselves. Zero drops the entries at the expiry.
    /// </summary>
    public TimeSpan ExpiredTokenRetention { get; set; } = TimeSpan.FromMinutes(1);
}
