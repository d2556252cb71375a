namespace Credentials.Jwt;

/// <summary>A signing key's public description: what the ring holds, without any key material.</summary>
/// <param name="KeyId">The key's <c>kid</c>: its RFC 7638 JWK thumbprint.</param>
/// <param name="Algorithm"><c>HS256</c>, <c>ES256</c> or <c>RS256</c>.</param>
/// <param name="State">The key's state now (a retiring key past its retirement instant counts as retired).</param>
public sealed record JwtKeyInfo(string KeyId, string Algorithm, JwtKeyState State)
{
    /// <summary>
    /// For a managed key (<c>UseManagedSigningKeys()</c>), when it signs or signed by its schedule: its successor is due
    /// <see cref="ManagedSigningKeyOptions.PropagationTime"/> before this plus <see cref="ManagedSigningKeyOptions.RotationInterval"/>.
    /// Null for a configured key, which changes state when the host says so.
    /// </summary>
    public DateTimeOffset? ActivatesAt { get; init; }
}
