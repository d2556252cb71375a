namespace Credentials.Jwt;

/// <summary>
/// Whom a JWT is issued to: the claims <see cref="IJwtIssuer"/> writes. The JWT room's own description of a subject,
/// so it needs no user type; login maps its authenticated user to one.
/// </summary>
public sealed record JwtSubject
{
    /// <summary>The subject's stable id (the <c>sub</c> claim).</summary>
    public required string Id { get; init; }

    /// <summary>The subject's name (the <c>name</c> claim).</summary>
    public required string Name { get; init; }

    /// <summary>The subject's email address (the <c>email</c> claim), where known; no claim when null.</summary>
    public string? Email { get; init; }

    /// <summary>The permissions the subject holds (the <c>permissions</c> claim, for example <c>api.keys.create</c>).</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>
    /// The id the token names its login in (the <c>sid</c> claim), or null for no claim. A validated token hands it back
    /// as <see cref="ValidatedJwt.SessionId"/>; whoever set it decides what it means (login: the session to check).
    /// </summary>
    public string? SessionId { get; init; }

    /// <summary>
    /// When the token should expire, if sooner than <see cref="JwtOptions.Lifetime"/> from now (a short access token, a
    /// login that ends earlier); null for the full lifetime. Never later than the lifetime allows.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
