namespace Credentials.Jwt;

/// <summary>
/// Automatic signing-key management: keys are made in an <see cref="ISigningKeyStore"/>, published for
/// <see cref="PropagationTime"/> before they sign, sign for <see cref="RotationInterval"/>, and stay published after
/// that for <see cref="JwtOptions.Lifetime"/> plus <see cref="JwtOptions.ClockSkew"/> (so no token they signed is cut
/// short), then are deleted. Turned on by <c>AddCredentials().UseManagedSigningKeys()</c> (or
/// <c>Credentials:Jwt:ManagedSigningKeys:Enabled</c>).
/// </summary>
public sealed class ManagedSigningKeyOptions
{
    /// <summary>The smallest <see cref="RefreshInterval"/> and <see cref="UnknownKeyRefreshInterval"/> accepted.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>True when keys are managed. No key in <see cref="JwtOptions.SigningKeys"/> may then be active or pending.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>ES256</c> (the default: small keys and signatures, fast to make) or <c>RS256</c> (2048-bit, for consumers that only speak RSA).</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>
    /// How long a new key is published before it signs: long enough for every instance to load it and for JWKS
    /// consumers that cache the document (JwtBearer refreshes it every 12 hours, CDNs often cache a day) to see it.
    /// Default 2 days; at least twice <see cref="RefreshInterval"/>.
    /// </summary>
    public TimeSpan PropagationTime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a key signs before its successor takes over. Default 30 days; at least <see cref="PropagationTime"/>.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often an instance reloads the keys from the store. A request after this pays nothing (the reload runs
    /// beside it); one after twice this waits for the reload. Default 5 minutes.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A token whose <c>kid</c> the ring does not hold triggers a reload at most this often, so another instance's new
    /// key is found while a flood of made-up <c>kid</c>s costs one store read per interval. Default 30 seconds; at
    /// most <see cref="RefreshInterval"/>.
    /// </summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
