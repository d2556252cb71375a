namespace Credentials.Sessions;

/// <summary>
/// Where sessions read a user's current security stamp: a value that changes whenever the user's credentials change
/// (ASP.NET Core Identity's security stamp). A session opened with a stamp (<see cref="Session.SecurityStampHash"/>)
/// is checked against it whenever the session is read from its store (at most once per
/// <see cref="SessionOptions.CheckInterval"/> per instance, and at every refresh), and ended once it differs. None is
/// registered by default: sessions opened without a stamp are never compared. A singleton.
/// </summary>
public interface ISecurityStampSource
{
    /// <summary>The user's current stamp; null when the user is gone (their sessions end) or has no stamp.</summary>
    /// <param name="userId">The user the session belongs to.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<string?> FindSecurityStampAsync(string userId, CancellationToken cancellationToken);
}
