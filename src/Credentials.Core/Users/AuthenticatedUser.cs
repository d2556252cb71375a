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

    /// <summary>
    /// A value that changes whenever the user's credentials change (ASP.NET Core Identity's security stamp), or null.
    /// When a login gives one, its session remembers a hash of it and ends once the user's current stamp (as the
    /// host's stamp source reads it) differs. Printing leaves it out.
    /// </summary>
    public string? SecurityStamp { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Username = ").Append(Username).Append(", Email = ").Append(Email)
            .Append(", Permissions = [").AppendJoin(", ", Permissions).Append(']')
            .Append(", SecurityStamp = ").Append(SecurityStamp is null ? "null" : "(redacted)");
        return true;
    }
}
