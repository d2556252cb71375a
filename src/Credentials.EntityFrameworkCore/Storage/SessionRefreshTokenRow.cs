namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// One refresh token hash a session has had, current or spent (the hash is the primary key): a spent token presented
/// again finds its session here, which is how reuse is told from an unknown token. Carries the session's expiry, so
/// purge deletes these rows by the same condition as the sessions.
/// </summary>
internal sealed class SessionRefreshTokenRow
{
    public byte[] Hash { get; set; } = [];

    public string SessionId { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }
}
