namespace Credentials.AspNetCore.Hosting;

/// <summary>How often and how far back the library purges expired credentials (<c>AddExpiredCredentialPurge</c>).</summary>
public sealed class ExpiredCredentialPurgeOptions
{
    /// <summary>The shortest <see cref="Interval"/> accepted: a purge is a set-based delete, not a heartbeat.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest <see cref="Interval"/> accepted, so expired rows never pile up for more than a day.</summary>
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(1);

    /// <summary>The longest <see cref="ApiKeyRetention"/> accepted.</summary>
    public static readonly TimeSpan MaximumApiKeyRetention = TimeSpan.FromDays(3650);

    /// <summary>
    /// Time between purges; the first runs at a random point within the first interval, so instances started together
    /// do not all delete at the same instant. Default 1 hour; between <see cref="MinimumInterval"/> and <see cref="MaximumInterval"/>.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an expired API key is kept before it is purged: until then it verifies as <c>Expired</c>, after as
    /// <c>Unknown</c>, and its record stays for an audit. Web tokens and sessions are purged as soon as they expire (an
    /// expired one is refused either way). Default 30 days; from zero to <see cref="MaximumApiKeyRetention"/>.
    /// </summary>
    public TimeSpan ApiKeyRetention { get; set; } = TimeSpan.FromDays(30);
}
