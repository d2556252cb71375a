using System.Diagnostics.CodeAnalysis;

namespace Credentials.Sessions;

/// <summary>
/// The outcome of <see cref="ISessionService.CheckAsync"/>: the open session, or why its tokens are refused. Results
/// are remembered between checks, so a repeated check allocates nothing.
/// </summary>
public sealed class SessionCheckResult
{
    private static readonly FailedResults<SessionCheckFailure, SessionCheckResult> Failures = new(f => new(null, f));

    private SessionCheckResult(Session? session, SessionCheckFailure? failure)
    {
        Session = session;
        Failure = failure;
    }

    /// <summary>True when the session is open; <see cref="Session"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Session))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the session's tokens are refused; null when it is open.</summary>
    public SessionCheckFailure? Failure { get; }

    /// <summary>The open session, as last read from the store.</summary>
    public Session? Session { get; }

    /// <summary>An open session.</summary>
    /// <param name="session">The session as read from the store.</param>
    /// <returns>A successful result.</returns>
    public static SessionCheckResult Success(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionCheckResult(session, null);
    }

    /// <summary>A refused session; one shared instance per reason.</summary>
    /// <param name="failure">Why its tokens are refused.</param>
    /// <returns>A failed result.</returns>
    public static SessionCheckResult Failed(SessionCheckFailure failure) => Failures[failure];

    /// <summary>The session id or the failure.</summary>
    /// <returns><c>{ Succeeded = True, SessionId = … }</c> or <c>{ Failure = … }</c>.</returns>
    public override string ToString() => Succeeded
        ? $"SessionCheckResult {{ Succeeded = True, SessionId = {Session.Id} }}"
        : $"SessionCheckResult {{ Failure = {Failure} }}";
}
