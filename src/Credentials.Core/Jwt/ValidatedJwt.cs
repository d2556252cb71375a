namespace Credentials.Jwt;

/// <summary>The claims of a validated JWT. It never holds the token itself.</summary>
public sealed class ValidatedJwt
{
    /// <summary>The <c>sub</c> claim: the user's id.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>name</c> claim: the username.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>email</c> claim, where the token carries one.</summary>
    public string? Email { get; init; }

    /// <summary>The <c>permissions</c> claim.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>The <c>jti</c> claim: the token's unique id.</summary>
    public string? TokenId { get; init; }

    /// <summary>The <c>sid</c> claim, where the token carries one: the login it belongs to, checked by whoever issued it.</summary>
    public string? SessionId { get; init; }

    /// <summary>The <c>kid</c> of the key that signed the token.</summary>
    public required string KeyId { get; init; }

    /// <summary>The <c>iat</c> claim, where present.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The <c>exp</c> claim.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
