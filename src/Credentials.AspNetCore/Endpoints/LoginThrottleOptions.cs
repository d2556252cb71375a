namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Limits on failed logins at <c>POST /auth/login</c>, counted per username and per client address in fixed windows.
/// Once a limit is reached, further attempts answer 429 with <c>Retry-After</c> without checking the password, so
/// guessing is slowed whether the attacker sprays one password over many users or many over one.
/// </summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Failed logins allowed per username in one window. Default 5.</summary>
    public int FailuresPerUsername { get; set; } = 5;

    /// <summary>Failed logins allowed per client address in one window. Default 20.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window length. Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
