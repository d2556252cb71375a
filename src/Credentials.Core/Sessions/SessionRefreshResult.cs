using System.Diagnostics.CodeAnalysis;

namespace Credentials.Sessions;

/// <summary>
/// The outcome of <see cref="ISessionService.RefreshAsync"/>: the session with its new refresh token, or why not.
/// <see cref="ToString"/> leaves the token out.
/// </summary>
public sealed class SessionRefreshResult
{
    private static readonly FailedResults<SessionRefreshFailure, SessionRefreshResult> Failures = new(f => new(null, null, f));

    private SessionRefreshResult(Session? session, string? refreshToken, SessionRefreshFailure? failure)
    {
        Session = session;
        RefreshToken = refreshToken;
        Failure = failure;
    }

    /// <summary>True when the token was rotated; <see cref="Session"/> and <see cref="RefreshToken"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Session), nameof(RefreshToken))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the refresh token was refused; null when it was rotated.</summary>
    public SessionRefreshFailure? Failure { get; }

    /// <summary>The session, holding the new token's hash.</summary>
    public Session? Session { get; }

    /// <summary>The new refresh token, to be sent to the client and nowhere else; the presented one is spent.</summary>
    public string? RefreshToken { get; }

    /// <summary>A rotated refresh token.</summary>
    /// <param name="session">The session, holding the new token's hash.</param>
    /// <param name="refreshToken">The new refresh token.</param>
    /// <returns>A successful result.</returns>
    public static SessionRefreshResult Success(Session session, string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return new SessionRefreshResult(session, refreshToken, null);
    }

    /// <summary>A refused refresh token; one shared instance per reason.</summary>
    /// <param name="failure">Why it was refused.</param>
    /// <returns>A failed result.</returns>
    public static SessionRefreshResult Failed(SessionRefreshFailure failure) => Failures[failure];

    /// <summary>The session id or the failure; never the token.</summary>
    /// <returns><c>{ Succeeded = True, SessionId = …, RefreshToken = (redacted) }</c> or <c>{ Failure = … }</c>.</returns>
    public override string ToString() => Succeeded
        ? $"SessionRefreshResult {{ Succeeded = True, SessionId = {Session.Id}, RefreshToken = (redacted) }}"
        : $"SessionRefreshResult {{ Failure = {Failure} }}";
}
