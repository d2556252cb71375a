using Credentials.Diagnostics;
using Credentials.Invalidation;
using Credentials.Secrets;
using Credentials.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.Sessions;

/// <summary>
/// The default <see cref="ISessionService"/>. It decides (open, ended, expired, reused); the store persists and finds.
/// What it learns about a session is kept in a <see cref="SessionCheckCache"/> that the invalidation channel empties:
/// an ending here is forgotten at once and published, so the other instances forget it when the message arrives.
/// </summary>
internal sealed class SessionService : ISessionService, IDisposable
{
    /// <summary>The longest user id a session takes: the EF Core store's text column.</summary>
    internal const int MaxUserIdLength = 255;

    private readonly ISessionStore _store;
    private readonly SecretHasher _hasher;
    private readonly ISecretRandom _random;
    private readonly TimeProvider _time;
    private readonly ICredentialInvalidationChannel _channel;
    private readonly ILogger _logger;
    private readonly SessionCheckCache? _cache;
    private readonly long _checkIntervalMs;
    private readonly bool _refreshTokens;
    private readonly IDisposable _subscription;
    private readonly ISecurityStampSource? _stamps;
    private readonly CredentialsMetrics? _metrics;

    public SessionService(
        ISessionStore store,
        SecretHasher hasher,
        ISecretRandom random,
        TimeProvider time,
        IOptions<CredentialsOptions> options,
        ICredentialInvalidationChannel channel,
        ILogger<SessionService>? logger = null,
        ISecurityStampSource? stamps = null,
        CredentialsMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.Sessions;
        _store = store;
        _hasher = hasher;
        _random = random;
        _time = time;
        _channel = channel;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _checkIntervalMs = (long)settings.CheckInterval.TotalMilliseconds;
        _cache = _checkIntervalMs > 0 ? new SessionCheckCache(settings.CheckCacheSize) : null;
        _refreshTokens = settings.EnableRefreshTokens;
        _stamps = stamps;
        _metrics = metrics;
        _subscription = channel.Subscribe(Forget);
    }

    public ValueTask<OpenedSession> OpenAsync(string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        OpenAsync(userId, expiresAt, securityStamp: null, cancellationToken);

    public async ValueTask<OpenedSession> OpenAsync(string userId, DateTimeOffset expiresAt, string? securityStamp, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.Length > MaxUserIdLength || !UnicodeText.IsPrintable(userId))
        {
            throw new ArgumentException($"A session's user id is printable text of at most {MaxUserIdLength} characters.", nameof(userId));
        }

        var refreshToken = _refreshTokens ? RefreshTokenFormat.Create(_random) : null;
        var session = new Session
        {
            Id = NewSessionId(),
            UserId = userId,
            CreatedAt = _time.GetUtcNow(),
            ExpiresAt = expiresAt,
            RefreshTokenHash = refreshToken is null ? null : _hasher.Hash(refreshToken),
            RefreshTokenPepperId = refreshToken is null ? null : _hasher.CurrentPepperId,
            SecurityStampHash = securityStamp is null ? null : SecretHasher.Sha256(securityStamp),
        };
        await _store.CreateAsync(session, cancellationToken).ConfigureAwait(false);
        SessionLog.Opened(_logger, session.Id, userId, expiresAt);
        return new OpenedSession(session, refreshToken);
    }

    public ValueTask<SessionCheckResult> CheckAsync(string sessionId, CancellationToken cancellationToken)
    {
        var checking = CheckWithoutCountingAsync(sessionId, cancellationToken);
        if (!checking.IsCompletedSuccessfully)
        {
            return CountedAsync(checking);
        }

        // The repeat check answers from memory: counted without a state machine, so it stays allocation-free.
        Count(checking.Result);
        return checking;
    }

    private ValueTask<SessionCheckResult> CheckWithoutCountingAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_cache is not null && _cache.TryGet(sessionId, nowMs, out var cached))
        {
            return new(cached);
        }

        // Not an id this library issues, nor one a store keeps: refused without a store call.
        if (sessionId.Length is 0 or > Session.MaxIdLength || !UnicodeText.IsPrintable(sessionId))
        {
            return new(SessionCheckResult.Failed(SessionCheckFailure.UnknownSession));
        }

        return CheckStoreAsync(sessionId, nowMs, cancellationToken);
    }

    private async ValueTask<SessionCheckResult> CountedAsync(ValueTask<SessionCheckResult> checking)
    {
        var result = await checking.ConfigureAwait(false);
        Count(result);
        return result;
    }

    /// <summary>A JWT refused for its session is a rejected JWT, by the session's reason (the signature was fine).</summary>
    private void Count(SessionCheckResult result)
    {
        if (!result.Succeeded)
        {
            _metrics?.Rejected(CredentialKind.Jwt, CredentialTags.Of(result.Failure.Value));
        }
    }

    public async ValueTask<SessionRefreshResult> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        var result = await RotateAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            SessionLog.Refreshed(_logger, result.Session.Id);
        }
        else
        {
            SessionLog.RefreshRefused(_logger, CredentialTags.Of(result.Failure.Value));
        }

        return result;
    }

    public async ValueTask<bool> EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var ended = await _store.EndAsync(sessionId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        // Published even when the store had it ended already: an instance may still remember it open.
        await _channel.PublishAsync(new CredentialInvalidation(CredentialInvalidationKind.SessionEnded, sessionId), cancellationToken).ConfigureAwait(false);
        if (ended)
        {
            SessionLog.Ended(_logger, sessionId);
        }

        return ended;
    }

    public async ValueTask<int> EndAllAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var ended = await _store.EndAllAsync(userId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await _channel.PublishAsync(new CredentialInvalidation(CredentialInvalidationKind.UserChanged, userId), cancellationToken).ConfigureAwait(false);
        SessionLog.EndedAll(_logger, userId, ended);
        return ended;
    }

    public void Dispose() => _subscription.Dispose();

    private async ValueTask<SessionCheckResult> CheckStoreAsync(string sessionId, long nowMs, CancellationToken cancellationToken)
    {
        var epoch = _cache?.Epoch ?? 0;
        var session = await _store.FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var result = Judge(session, nowMs);
        if (result.Succeeded && await EndedForSecurityStampAsync(session!, cancellationToken).ConfigureAwait(false))
        {
            // Ending published SessionEnded, which moved the epoch: the answer below is not remembered, the store's next is.
            result = SessionCheckResult.Failed(SessionCheckFailure.SessionEnded);
        }
        if (_cache is not null)
        {
            var until = nowMs + _checkIntervalMs;
            if (result.Succeeded)
            {
                until = Math.Min(until, session!.ExpiresAt.ToUnixTimeMilliseconds());
            }

            _cache.Add(sessionId, session?.UserId, result, until, epoch);
        }

        return result;
    }

    private static SessionCheckResult Judge(Session? session, long nowMs) =>
        session is null ? SessionCheckResult.Failed(SessionCheckFailure.UnknownSession)
        : session.EndedAt is not null ? SessionCheckResult.Failed(SessionCheckFailure.SessionEnded)
        : nowMs >= session.ExpiresAt.ToUnixTimeMilliseconds() ? SessionCheckResult.Failed(SessionCheckFailure.SessionExpired)
        : SessionCheckResult.Success(session);

    private async ValueTask<SessionRefreshResult> RotateAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!_refreshTokens)
        {
            return SessionRefreshResult.Failed(SessionRefreshFailure.NotEnabled);
        }

        if (!RefreshTokenFormat.IsWellFormed(refreshToken))
        {
            return SessionRefreshResult.Failed(SessionRefreshFailure.Malformed);
        }

        // The current token must match under the pepper the session names; a spent one is evidence whatever hashed it.
        var match = await _hasher.FindAsync(
            refreshToken!,
            _store,
            static (store, hash, ct) => store.FindByRefreshTokenAsync(hash, ct),
            static (session, hash, pepperId) => session.RefreshTokenHash != hash || session.RefreshTokenPepperId == pepperId,
            cancellationToken).ConfigureAwait(false);
        if (match is not { Record: var session, Hash: var presented })
        {
            return SessionRefreshResult.Failed(SessionRefreshFailure.Unknown);
        }

        if (Refused(session) is { } refused)
        {
            return refused;
        }

        if (await EndedForSecurityStampAsync(session, cancellationToken).ConfigureAwait(false))
        {
            return SessionRefreshResult.Failed(SessionRefreshFailure.Ended);
        }

        if (session.RefreshTokenHash != presented)
        {
            return await EndForReuseAsync(session.Id, cancellationToken).ConfigureAwait(false);
        }

        var next = RefreshTokenFormat.Create(_random);
        var nextHash = _hasher.Hash(next);
        if (!await _store.RotateRefreshTokenAsync(session.Id, presented, nextHash, _hasher.CurrentPepperId, cancellationToken).ConfigureAwait(false))
        {
            // Another refresh spent the same token first (two holders racing), or the session ended meanwhile.
            var now = await _store.FindAsync(session.Id, cancellationToken).ConfigureAwait(false);
            return now is null || now.EndedAt is not null
                ? SessionRefreshResult.Failed(SessionRefreshFailure.Ended)
                : await EndForReuseAsync(session.Id, cancellationToken).ConfigureAwait(false);
        }

        return SessionRefreshResult.Success(session with { RefreshTokenHash = nextHash, RefreshTokenPepperId = _hasher.CurrentPepperId }, next);
    }

    private SessionRefreshResult? Refused(Session session) =>
        session.EndedAt is not null ? SessionRefreshResult.Failed(SessionRefreshFailure.Ended)
        : _time.GetUtcNow() >= session.ExpiresAt ? SessionRefreshResult.Failed(SessionRefreshFailure.Expired)
        : null;

    /// <summary>
    /// Ends a session bound to a security stamp once the user's current stamp differs (or the user is gone). Read only
    /// when the session is read from the store, so a remembered answer costs nothing extra.
    /// </summary>
    private async ValueTask<bool> EndedForSecurityStampAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.SecurityStampHash is not { } bound || _stamps is null)
        {
            return false;
        }

        var current = await _stamps.FindSecurityStampAsync(session.UserId, cancellationToken).ConfigureAwait(false);
        if (current is not null && SecretHasher.Sha256(current) == bound)
        {
            return false;
        }

        SessionLog.SecurityStampChanged(_logger, session.Id);
        await EndAsync(session.Id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<SessionRefreshResult> EndForReuseAsync(string sessionId, CancellationToken cancellationToken)
    {
        SessionLog.RefreshTokenReused(_logger, sessionId);
        await EndAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return SessionRefreshResult.Failed(SessionRefreshFailure.Reused);
    }

    private void Forget(CredentialInvalidation invalidation)
    {
        switch (invalidation.Kind)
        {
            case CredentialInvalidationKind.SessionEnded:
                _cache?.ForgetSession(invalidation.Id);
                break;
            case CredentialInvalidationKind.UserChanged:
                _cache?.ForgetUser(invalidation.Id);
                break;
            case CredentialInvalidationKind.Everything:
                _cache?.ForgetEverything();
                break;
        }
    }

    /// <summary>128 random bits as 32 hex digits: unique without coordination between instances, and no secret.</summary>
    private string NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.Fill(bytes);
        Span<char> text = stackalloc char[32];
        SecretEncoding.WriteLowerHex(bytes, text);
        return new string(text);
    }
}
