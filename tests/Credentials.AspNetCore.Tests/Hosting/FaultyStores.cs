using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.Sessions;
using Credentials.WebTokens;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>A web-token store whose purge throws while <see cref="Fault"/> is set, and otherwise defers to the in-memory one.</summary>
internal sealed class FaultyWebTokenStore(IWebTokenStore inner) : IWebTokenStore
{
    public Exception? Fault { get; set; }

    public ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken) => inner.ReplaceAsync(token, cancellationToken);

    public ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken) => inner.FindByHashAsync(hash, cancellationToken);

    public ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken) => inner.RevokeAsync(subject, cancellationToken);

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Fault is { } fault ? ValueTask.FromException<int>(fault) : inner.PurgeExpiredAsync(now, cancellationToken);
}

/// <summary>A session store whose purge waits until it is cancelled: a purge under way when the host stops.</summary>
internal sealed class StuckSessionStore(ISessionStore inner) : ISessionStore
{
    public TaskCompletionSource PurgeStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask CreateAsync(Session session, CancellationToken cancellationToken) => inner.CreateAsync(session, cancellationToken);

    public ValueTask<Session?> FindAsync(string sessionId, CancellationToken cancellationToken) => inner.FindAsync(sessionId, cancellationToken);

    public ValueTask<Session?> FindByRefreshTokenAsync(SecretHash hash, CancellationToken cancellationToken) => inner.FindByRefreshTokenAsync(hash, cancellationToken);

    public ValueTask<bool> RotateRefreshTokenAsync(string sessionId, SecretHash current, SecretHash replacement, string? replacementPepperId, CancellationToken cancellationToken) =>
        inner.RotateRefreshTokenAsync(sessionId, current, replacement, replacementPepperId, cancellationToken);

    public ValueTask<bool> EndAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken) => inner.EndAsync(sessionId, endedAt, cancellationToken);

    public ValueTask<int> EndAllAsync(string userId, DateTimeOffset endedAt, CancellationToken cancellationToken) => inner.EndAllAsync(userId, endedAt, cancellationToken);

    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        PurgeStarted.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return 0;
    }
}
