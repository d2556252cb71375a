namespace Credentials.Sessions;

/// <summary>A session just opened, with its first refresh token when refresh tokens are on. <see cref="ToString"/> leaves the token out.</summary>
public sealed class OpenedSession
{
    internal OpenedSession(Session session, string? refreshToken)
    {
        Session = session;
        RefreshToken = refreshToken;
    }

    /// <summary>The session as stored.</summary>
    public Session Session { get; }

    /// <summary>The session's first refresh token, to be sent to the client and nowhere else; null when refresh tokens are off.</summary>
    public string? RefreshToken { get; }

    /// <summary>The session id and expiry, never the token.</summary>
    /// <returns><c>OpenedSession { Id = …, ExpiresAt = … }</c>.</returns>
    public override string ToString() => $"OpenedSession {{ Id = {Session.Id}, ExpiresAt = {Session.ExpiresAt:O} }}";
}
