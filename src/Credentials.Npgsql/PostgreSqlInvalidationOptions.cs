namespace Credentials.Npgsql;

/// <summary>How the PostgreSQL invalidation channel names its <c>LISTEN/NOTIFY</c> channel.</summary>
public sealed class PostgreSqlInvalidationOptions
{
    /// <summary>The longest <see cref="ChannelName"/>: PostgreSQL's identifier limit.</summary>
    public const int MaximumChannelNameLength = 63;

    /// <summary>
    /// The notification channel every instance listens on, <c>credentials_invalidation</c> by default: give each
    /// application (or environment) sharing one database server its own. Lowercase ASCII letters, digits and
    /// underscores, starting with a letter or underscore, at most <see cref="MaximumChannelNameLength"/> characters, so
    /// <c>LISTEN</c> and <c>pg_notify</c> name the same channel without quoting.
    /// </summary>
    public string ChannelName { get; set; } = "credentials_invalidation";

    /// <summary>Whether <paramref name="name"/> is a channel name this package accepts.</summary>
    internal static bool IsValidChannelName(string? name) =>
        name is { Length: > 0 and <= MaximumChannelNameLength }
        && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
