using System.Security.Cryptography;

namespace Credentials.Client.Refresh;

/// <summary>A token the manager holds, with the two moments that matter to its callers.</summary>
internal sealed class CachedToken
{
    private CachedToken(string token, DateTimeOffset expiresAt, DateTimeOffset refreshAt, DateTimeOffset usableUntil)
    {
        Token = token;
        ExpiresAt = expiresAt;
        RefreshAt = refreshAt;
        UsableUntil = usableUntil;
    }

    public string Token { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>From here on, callers still get this token but a background refresh starts.</summary>
    public DateTimeOffset RefreshAt { get; }

    /// <summary>From here on, callers wait for a new token (never before the refresh point).</summary>
    public DateTimeOffset UsableUntil { get; }

    /// <summary>
    /// Times the refresh from when the token arrived: its issue time is unknown (the web token API sends only the
    /// expiry) and clocks may differ, but the remaining life is what matters.
    /// </summary>
    public static CachedToken Create(FetchedWebToken fetched, DateTimeOffset receivedAt, WebTokenClientOptions options)
    {
        var remaining = fetched.ExpiresAt - receivedAt;
        var jitter = options.RefreshJitter * RandomNumberGenerator.GetInt32(0, 10_001) / 10_000;
        var refreshAt = receivedAt + (remaining * (options.RefreshAfter + jitter));
        var usableUntil = fetched.ExpiresAt - options.ExpiryMargin;
        return new CachedToken(fetched.Token, fetched.ExpiresAt, refreshAt, usableUntil > refreshAt ? usableUntil : refreshAt);
    }
}
