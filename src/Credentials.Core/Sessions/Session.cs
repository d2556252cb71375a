using Credentials.Secrets;

namespace Credentials.Sessions;

/// <summary>
/// A login session as stored: whose it is, how long it may last, whether it ended, and the hash of its current refresh
/// token when refresh tokens are on. Every JWT a login or a refresh issues names its session in the <c>sid</c> claim,
/// so ending the session refuses all of them. No token is ever stored, only hashes.
/// </summary>
public sealed record Session
{
    /// <summary>The longest session id a store must keep; the library's own are 32 hex digits.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The session id (the <c>sid</c> claim): 128 random bits as 32 lowercase hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>The user the session belongs to (the JWT's <c>sub</c>).</summary>
    public required string UserId { get; init; }

    /// <summary>When the session was opened (the login).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the session ends by itself: no token of it is valid later, and a store may purge it from then on.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the session was ended (logout, sign-out everywhere, a reused refresh token); null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The hash of the session's current refresh token; null when refresh tokens are off.</summary>
    public SecretHash? RefreshTokenHash { get; init; }

    /// <summary>The pepper that produced <see cref="RefreshTokenHash"/>; null for plain SHA-256.</summary>
    public string? RefreshTokenPepperId { get; init; }

    /// <summary>
    /// SHA-256 of the user's security stamp at login (never the stamp: it keys ASP.NET Core Identity's email and SMS
    /// codes); null when the login gave none. The session ends once <see cref="ISecurityStampSource"/> answers another.
    /// </summary>
    public SecretHash? SecurityStampHash { get; init; }
}
