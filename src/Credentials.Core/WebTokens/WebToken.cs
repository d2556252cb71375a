using Credentials.Secrets;

namespace Credentials.WebTokens;

/// <summary>
/// A web token as stored: the subject's one active token, kept as a hash. The token text itself is never stored.
/// </summary>
public sealed record WebToken
{
    /// <summary>Whose token this is (for the web-token API, the API key that asked for it; a user id works the same).</summary>
    public required string Subject { get; init; }

    /// <summary>The hash of the token.</summary>
    public required SecretHash Hash { get; init; }

    /// <summary>The pepper that produced <see cref="Hash"/>; null for plain SHA-256.</summary>
    public string? PepperId { get; init; }

    /// <summary>When the token was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the token stops working (the web-token API's <c>expiresAt</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
