namespace Credentials.Jwt;

/// <summary>A key in the ring and its state.</summary>
/// <param name="Key">The loaded key.</param>
/// <param name="State">The state it was given (a retiring key past <paramref name="RetiresAt"/> is retired all the same).</param>
/// <param name="RetiresAt">For a retiring key, when it stops validating: configured, or <c>Lifetime + ClockSkew</c> after <see cref="JwtKeyRing.Activate"/> replaced it.</param>
/// <param name="ActivatesAt">For a managed key, when it signs (or signed) by its schedule; null for a configured key.</param>
internal sealed record JwtKeyRingEntry(JwtSigningKey Key, JwtKeyState State, DateTimeOffset? RetiresAt, DateTimeOffset? ActivatesAt = null);
