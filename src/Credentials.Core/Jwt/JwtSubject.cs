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
}
