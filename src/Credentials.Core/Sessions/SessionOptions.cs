using System.ComponentModel.DataAnnotations;

namespace Credentials.Sessions;

/// <summary>How login sessions are checked, and whether logins also get refresh tokens.</summary>
public sealed class SessionOptions
{
    /// <summary>The longest <see cref="CheckInterval"/> allowed: an ended session must stop working soon on every instance.</summary>
    public static readonly TimeSpan MaximumCheckInterval = TimeSpan.FromHours(1);

    /// <summary>The longest <see cref="RefreshTokenLifetime"/> allowed.</summary>
    public static readonly TimeSpan MaximumRefreshTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// How long an instance trusts what it last read about a session before it reads the store again: the latest an
    /// ended session stops working on another instance when every invalidation channel is down. With a channel, other
    /// instances refuse it as soon as the message arrives; the instance that ended it refuses it at once. Default
    /// 1 minute; zero reads the store on every request; at most <see cref="MaximumCheckInterval"/>.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many sessions an instance remembers between checks. Default 10,000; when full it starts over.</summary>
    [Range(1, int.MaxValue)]
    public int CheckCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Off by default (the login response stays <c>{username, token}</c>). When on, a login also answers a
    /// <c>refresh_token</c>, its JWT lives <see cref="AccessTokenLifetime"/>, and <c>POST /auth/refresh</c> trades the
    /// refresh token for a new JWT and a new refresh token.
    /// </summary>
    public bool EnableRefreshTokens { get; set; }

    /// <summary>
    /// The lifetime of a JWT issued with a refresh token (login or refresh), 15 minutes by default; never beyond
    /// <c>Jwt:Lifetime</c> nor the session's end. Used only when <see cref="EnableRefreshTokens"/> is on.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a session with refresh tokens lasts from its login, 30 days by default: refreshing does not extend it,
    /// so a stolen refresh token is worthless after this at the latest. Used only when <see cref="EnableRefreshTokens"/> is on.
    /// </summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
