using System.ComponentModel.DataAnnotations;

namespace Credentials.ApiKeys;

/// <summary>API key format, validation limits, last-used tracking and the verification cache.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The prefix of keys issued in production.</summary>
    public const string DefaultPrefix = "cc_live_";

    /// <summary>The least entropy a key's secret may carry.</summary>
    public const int MinimumSecretBits = 256;

    /// <summary>The most entropy a key's secret may carry (keeps keys well under the hasher's length limit).</summary>
    public const int MaximumSecretBits = 1024;

    /// <summary>
    /// The text every key starts with, for example <c>cc_live_</c> or <c>cc_test_</c>: 1 to 16 lowercase ASCII letters,
    /// digits or underscores, ending in an underscore. It tells people and secret scanners what a leaked key is.
    /// </summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>Bits of CSPRNG entropy in a key's secret; at least <see cref="MinimumSecretBits"/> (the default).</summary>
    [Range(MinimumSecretBits, MaximumSecretBits)]
    public int SecretBits { get; set; } = MinimumSecretBits;

    /// <summary>The longest key name, in UTF-16 code units after trimming.</summary>
    [Range(1, int.MaxValue)]
    public int MaxNameLength { get; set; } = 255;

    /// <summary>The largest metadata JSON object, in UTF-8 bytes (16 KiB by default).</summary>
    [Range(2, int.MaxValue)] // 2: the size of "{}"
    public int MaxMetadataBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The permissions a key may be granted; anything else is a validation error. Null (the default) accepts any
    /// non-empty permission name within <see cref="MaxPermissionLength"/>.
    /// </summary>
    public ISet<string>? AllowedPermissions { get; set; }

    /// <summary>The most permissions one key may carry.</summary>
    [Range(0, int.MaxValue)]
    public int MaxPermissions { get; set; } = 100;

    /// <summary>The longest permission name, in UTF-16 code units.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPermissionLength { get; set; } = 128;

    /// <summary>
    /// The longest grace period a roll may give the old secret (7 days by default, as Stripe's key rolls allow): long
    /// enough to redeploy every holder over a week, short enough that a leaked secret cannot be kept alive by rolling.
    /// </summary>
    public TimeSpan MaxRollGracePeriod { get; set; } = DefaultMaxRollGracePeriod;

    /// <summary>The default <see cref="MaxRollGracePeriod"/>: 7 days.</summary>
    public static TimeSpan DefaultMaxRollGracePeriod { get; } = TimeSpan.FromDays(7);

    /// <summary>
    /// What bounds a key's permissions: by default its owner's current permissions (a key never grants more than its
    /// owner holds). See <see cref="ApiKeyPermissionCeiling"/>.
    /// </summary>
    [EnumDataType(typeof(ApiKeyPermissionCeiling), ErrorMessage = "{0} must be OwnerPermissions or KeyPermissions.")]
    public ApiKeyPermissionCeiling PermissionCeiling { get; set; } = ApiKeyPermissionCeiling.OwnerPermissions;

    /// <summary>
    /// How often, at most, a key's last-used time is written to the store. Verification never waits for that write.
    /// </summary>
    public TimeSpan LastUsedWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a key's record, once read from the store, may answer verifications of that key (and of its web token)
    /// without another store read; zero (the default) turns the cache off. At most
    /// <see cref="MaxVerificationCacheDuration"/>. Only the record is kept, never a secret, and every hit is judged
    /// again (active, expiry, grace, owner's permissions) with the current clock. A change made through
    /// <see cref="IApiKeyService"/> stops working here at once and on other instances as soon as the invalidation
    /// channel delivers it; with no channel reaching them, within this duration.
    /// </summary>
    public TimeSpan VerificationCacheDuration { get; set; } = TimeSpan.Zero;

    /// <summary>The longest <see cref="VerificationCacheDuration"/> accepted: 5 minutes, the worst staleness with every channel down.</summary>
    public static TimeSpan MaxVerificationCacheDuration { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The most key records the verification cache holds (10,000 by default).</summary>
    [Range(1, int.MaxValue)]
    public int VerificationCacheMaxEntries { get; set; } = 10_000;

    /// <summary>
    /// The approximate memory the verification cache's records may take, in bytes (32 MiB by default): a record's
    /// permissions and metadata can be large, so records are counted by their estimated size as well as by number.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int VerificationCacheMaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// The rate limit of keys that carry none of their own (null, the default: such keys are not limited). Counted per
    /// key, per process unless a shared counter (Redis) is registered; see docs/api-keys.md.
    /// </summary>
    public ApiKeyRateLimit? DefaultRateLimit { get; set; }

    /// <summary>
    /// Counts every accepted verification of every key on the <c>credentials.api_key.uses</c> counter, tagged with the
    /// key's uuid (<c>api_key_uuid</c>); off by default. Each key in use becomes a time series of its own, so switch it on
    /// only when the metrics backend can hold one series per active key. The tag is the uuid, never anything secret.
    /// </summary>
    public bool UsageMetricPerKey { get; set; }
}
