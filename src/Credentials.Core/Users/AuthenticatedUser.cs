namespace Credentials.Users;

/// <summary>A user whose password was verified: what a login puts into the JWT it issues.</summary>
public sealed record AuthenticatedUser
{
    /// <summary>The user's stable id (the JWT's <c>sub</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The name the user logged in with.</summary>
    public required string Username { get; init; }

    /// <summary>The user's email address, where known.</summary>
    public string? Email { get; init; }

    /// <summary>The permissions the user holds (for example <c>api.keys.create</c>).</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];
}
