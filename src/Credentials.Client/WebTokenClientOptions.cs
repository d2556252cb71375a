using System.ComponentModel.DataAnnotations;

namespace Credentials.Client;

/// <summary>When a <see cref="WebTokenManager"/> refreshes its token and how it retries; the manager checks them when it is made.</summary>
public sealed class WebTokenClientOptions
{
    /// <summary>
    /// The share of a token's remaining life (counted from when it arrived) after which a refresh starts in the
    /// background while callers keep getting the current token. Default 0.75; between 0 and 1 exclusive.
    /// </summary>
    [Range(0d, 1d, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double RefreshAfter { get; set; } = 0.75;

    /// <summary>
    /// The most that is randomly added to <see cref="RefreshAfter"/> per token, so a fleet of clients started
    /// together does not refresh in the same second. Default 0.05 (refresh between 75% and 80% of life).
    /// </summary>
    [Range(0d, 1d, MaximumIsExclusive = true)]
    public double RefreshJitter { get; set; } = 0.05;

    /// <summary>
    /// A token with less life than this left is not handed out: callers wait for a new one instead. It covers the
    /// request's trip to the server and small clock differences. Default 30 seconds.
    /// </summary>
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a failed background refresh the next one may start; doubles per failure. Default 1 second.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between background refresh attempts. Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long callers wait for one refresh (shared cache included) before they get a <see cref="TimeoutException"/>
    /// and its fetch is cancelled, so a hung request cannot hold every later caller. A fetch that ignores the
    /// cancellation stays the only one: the next fetch starts once it has ended (later callers wait for that within
    /// their own timeout), a token it brings late is kept, and a late failure is logged. Default 30 seconds; at most one day.
    /// </summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
