using System.ComponentModel.DataAnnotations;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Limits on failed logins at <c>POST /auth/login</c>, counted per username and per client address in fixed windows.
/// Once a limit is reached, further attempts answer 429 with <c>Retry-After</c> without checking the password, so
/// guessing is slowed whether the attacker sprays one password over many users or many over one.
/// </summary>
public sealed class LoginThrottleOptions
{
    /// <summary>
    /// 10,000: the default <see cref="MaxPartitions"/>. At about 200 bytes a key, the two counts hold at most about 4 MB.
    /// </summary>
    public const int DefaultMaxPartitions = Credentials.Login.InMemoryLoginFailureCounter.DefaultMaxKeys;

    /// <summary>
    /// 100: the lowest accepted <see cref="MaxPartitions"/>. A full table drops its oldest count, so a tiny one would let
    /// an attacker reset a victim's count with a handful of failures.
    /// </summary>
    public const int MinimumMaxPartitions = 100;

    /// <summary>1,000,000: the largest accepted <see cref="MaxPartitions"/>, so the bound stays a bound (about 400 MB).</summary>
    public const int LargestMaxPartitions = 1_000_000;

    /// <summary>Failed logins allowed per username in one window. Default 5; at least 1.</summary>
    [Range(1, int.MaxValue)]
    public int FailuresPerUsername { get; set; } = 5;

    /// <summary>Failed logins allowed per client address in one window. Default 20; at least 1.</summary>
    [Range(1, int.MaxValue)]
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window length, from a username's or address's first failure. Default 15 minutes; more than zero, at most one day.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The most usernames, and the most addresses, whose failures are counted at once in process (by
    /// <see cref="Credentials.Login.InMemoryLoginFailureCounter"/>, the default counter; a shared counter such as Redis's
    /// lets each key expire with its window instead). When one more fails, the count whose window started first is
    /// forgotten. Default <see cref="DefaultMaxPartitions"/>; between <see cref="MinimumMaxPartitions"/> and
    /// <see cref="LargestMaxPartitions"/>.
    /// </summary>
    [Range(MinimumMaxPartitions, LargestMaxPartitions)]
    public int MaxPartitions { get; set; } = DefaultMaxPartitions;
}
