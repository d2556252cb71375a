using System.Security.Cryptography;
using Credentials.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.WebTokens.Client;

/// <summary>
/// Keeps a client's web token for an API that allows one active token per API key (issuing a new one retires the
/// old). Callers ask <see cref="GetTokenAsync"/> whenever they need one; the manager hands out the cached token,
/// refreshes it in the background at about 75-80% of its life, and makes sure only one fetch is ever in flight:
/// two parallel fetches would retire each other's token. Register one instance per API key, as a singleton.
/// </summary>
/// <remarks>
/// Nothing runs on a timer: refreshes and retries start when a caller asks for a token, so an idle client makes
/// no requests. A background refresh that fails leaves the current token in use and is retried after a delay that
/// doubles per failure; a caller that has no usable token always starts (or joins) a fetch and sees its failure.
/// A fetch that outlasts <see cref="WebTokenClientOptions.FetchTimeout"/> is cancelled and its callers get a
/// <see cref="TimeoutException"/>, but no new fetch starts until it has actually ended.
/// </remarks>
public sealed class WebTokenManager : IDisposable
{
    private readonly Func<CancellationToken, ValueTask<IssuedWebToken>> _fetchToken;
    private readonly WebTokenClientOptions _options;
    private readonly IWebTokenCache? _sharedCache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _gate = new();

    private CachedToken? _current;
    private Task<CachedToken>? _refresh;
    private Task _fetch = Task.CompletedTask;
    private string? _rejectedToken;
    private int _failures;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private bool _disposed;

    /// <summary>Creates a manager over the host's token fetch.</summary>
    /// <param name="fetchToken">
    /// Asks the API for a new token (for the seed API: <c>GET /web-token</c> with the API key as bearer) and returns
    /// it with its expiry; throws when the API fails. The token it receives is cancelled only when the manager is
    /// disposed or <see cref="WebTokenClientOptions.FetchTimeout"/> passes, never by one caller giving up; until the
    /// fetch returns, no other fetch starts.
    /// </param>
    /// <param name="options">Refresh timing and retry delays; the defaults suit tokens that live minutes to hours.</param>
    /// <param name="sharedCache">Optional: shares the token with other instances of the application that use the same API key.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Optional logger; tokens are never logged.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public WebTokenManager(
        Func<CancellationToken, ValueTask<IssuedWebToken>> fetchToken,
        WebTokenClientOptions? options = null,
        IWebTokenCache? sharedCache = null,
        TimeProvider? timeProvider = null,
        ILogger<WebTokenManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fetchToken);
        _options = options ?? new WebTokenClientOptions();
        _options.Validate();
        _fetchToken = fetchToken;
        _sharedCache = sharedCache;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<WebTokenManager>.Instance;
    }

    /// <summary>
    /// A token with more than <see cref="WebTokenClientOptions.ExpiryMargin"/> of life left: the cached one when it
    /// has, otherwise a new one from the single fetch in flight (started if none is).
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait only; a fetch other callers wait for carries on.</param>
    /// <exception cref="ObjectDisposedException">The manager was disposed.</exception>
    /// <remarks>A failed fetch reaches every caller waiting for it as the exception the fetch threw.</remarks>
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var now = _time.GetUtcNow();
        var current = Volatile.Read(ref _current);
        if (current is not null && now < current.UsableUntil)
        {
            if (now >= current.RefreshAt)
            {
                JoinOrStartRefresh(current, background: true);
            }

            return new ValueTask<string>(current.Token);
        }

        return WaitForTokenAsync(current, cancellationToken);
    }

    /// <summary>
    /// Tells the manager the server refused <paramref name="rejectedToken"/> (a 401: another holder of the API key
    /// fetched a newer token). If it is still the cached token it is dropped, so the next caller fetches once; a token
    /// already replaced is ignored, so many requests failing with the same token cause one fetch, not many.
    /// </summary>
    public void Invalidate(string rejectedToken)
    {
        ArgumentNullException.ThrowIfNull(rejectedToken);
        lock (_gate)
        {
            if (_current is { } current && string.Equals(current.Token, rejectedToken, StringComparison.Ordinal))
            {
                Volatile.Write(ref _current, null);
                _rejectedToken = rejectedToken;
                WebTokenLog.ClientInvalidated(_logger);
            }
        }
    }

    /// <summary>Cancels a fetch in flight; later calls to <see cref="GetTokenAsync"/> throw.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    private async ValueTask<string> WaitForTokenAsync(CachedToken? seen, CancellationToken cancellationToken)
    {
        var refresh = JoinOrStartRefresh(seen, background: false)!;
        var fresh = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fresh.Token;
    }

    /// <summary>
    /// The refresh in flight, or a new one. <paramref name="seen"/> is the token the caller judged stale: if another
    /// caller replaced it meanwhile, that newer token is the answer. A background call respects the retry delay
    /// and returns null while it runs.
    /// </summary>
    private Task<CachedToken>? JoinOrStartRefresh(CachedToken? seen, bool background)
    {
        var now = _time.GetUtcNow();
        TaskCompletionSource<CachedToken> started;
        CachedToken? previous;
        lock (_gate)
        {
            if (_disposed)
            {
                // A caller that passed the check in GetTokenAsync just before Dispose: fail it rather than start a
                // refresh on a disposed manager that would never complete.
                return Task.FromException<CachedToken>(new ObjectDisposedException(nameof(WebTokenManager)));
            }

            if (_refresh is { IsCompleted: false } running)
            {
                return running;
            }

            previous = _current;
            if (NewerUsableToken(seen, now) is { } newer)
            {
                return Task.FromResult(newer);
            }

            if (background && now < _retryAt)
            {
                return null;
            }

            started = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            _refresh = started.Task;
        }

        // Started outside the lock, so the host's fetch never runs while the manager is locked.
        _ = RefreshAsync(started, previous);
        return started.Task;
    }

    /// <summary>The cached token if it replaced <paramref name="seen"/> and is still usable. Call under the lock.</summary>
    private CachedToken? NewerUsableToken(CachedToken? seen, DateTimeOffset now) =>
        _current is { } current && !ReferenceEquals(current, seen) && now < current.UsableUntil ? current : null;

    /// <summary>Never faults: every outcome goes to the waiters or, for an abandoned fetch, to the log.</summary>
    private async Task RefreshAsync(TaskCompletionSource<CachedToken> completion, CachedToken? previous)
    {
        CancellationTokenSource? fetchCancellation = null;
        Task<CachedToken>? fetch = null;
        try
        {
            // Inside the try: if Dispose wins the race to here, the waiters get its exception instead of waiting for ever.
            fetchCancellation = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
            fetch = FetchAloneAsync(previous, fetchCancellation.Token);
            // The timeout holds even if the host's fetch ignores its token.
            var fresh = await fetch.WaitAsync(_options.FetchTimeout, _time).ConfigureAwait(false);
            completion.TrySetResult(fresh);
        }
#pragma warning disable CA1031 // Whatever the fetch threw belongs to the callers waiting for it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var now = _time.GetUtcNow();
            int attempt;
            DateTimeOffset retryAt;
            lock (_gate)
            {
                attempt = ++_failures;
                var delay = RetryDelay(attempt);
                retryAt = delay < DateTimeOffset.MaxValue - now ? now + delay : DateTimeOffset.MaxValue;
                _retryAt = retryAt;
            }

            if (previous is not null && now < previous.UsableUntil)
            {
                WebTokenLog.ClientRefreshFailed(_logger, exception, attempt, previous.ExpiresAt, retryAt);
            }

            completion.TrySetException(exception);

            // A background refresh may have no waiter; reading the exception marks it observed.
            _ = completion.Task.Exception;

            if (fetch is not null)
            {
                await SettleAsync(fetch, fetchCancellation!, exception).ConfigureAwait(false);
            }
        }
        finally
        {
            fetchCancellation?.Dispose();
        }
    }

    /// <summary>
    /// Sees a failed refresh's fetch to its end, so its outcome is always observed. One still running (it outlived its
    /// timeout) is cancelled first, only now that the waiters have their answer: its cancellation callbacks run here,
    /// and one that throws must not strand them. A late token was already stored by <see cref="FetchAloneAsync"/>;
    /// a failure other than the one the waiters got is logged.
    /// </summary>
#pragma warning disable CA1031 // Nobody waits for an abandoned fetch any more; the log is the only place its failure can go.
    private async Task SettleAsync(Task<CachedToken> fetch, CancellationTokenSource fetchCancellation, Exception reported)
    {
        if (!fetch.IsCompleted)
        {
            try
            {
                await fetchCancellation.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                WebTokenLog.ClientAbandonedFetchFailed(_logger, exception);
            }
        }

        try
        {
            await fetch.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (fetchCancellation.IsCancellationRequested)
        {
            // The fetch honoured its cancellation: the expected end of an abandoned fetch.
        }
        catch (Exception exception)
        {
            if (!ReferenceEquals(exception, reported))
            {
                WebTokenLog.ClientAbandonedFetchFailed(_logger, exception);
            }
        }
    }
#pragma warning restore CA1031

    /// <summary>
    /// Runs the host's fetch, never beside another one: a fetch abandoned at its timeout keeps the slot until it has
    /// ended, since two fetches would retire each other's token. Waiting for it can be cancelled; if it brought a
    /// token after all, that token is the answer.
    /// </summary>
    private async Task<CachedToken> FetchAloneAsync(CachedToken? previous, CancellationToken cancellationToken)
    {
        TaskCompletionSource slot;
        while (true)
        {
            Task running;
            lock (_gate)
            {
                running = _fetch;
                if (running.IsCompleted)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (NewerUsableToken(previous, _time.GetUtcNow()) is { } newer)
                    {
                        return newer;
                    }

                    slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _fetch = slot.Task;
                    break;
                }
            }

            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var fresh = await ObtainAsync(previous, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                Volatile.Write(ref _current, fresh);
                _failures = 0;
                _retryAt = DateTimeOffset.MinValue;
            }

            return fresh;
        }
        finally
        {
            slot.SetResult();
        }
    }

    private async Task<CachedToken> ObtainAsync(CachedToken? previous, CancellationToken cancellationToken)
    {
        if (_sharedCache is not null)
        {
            var shared = await _sharedCache.GetAsync(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (shared is not null && shared.ExpiresAt - now > _options.ExpiryMargin &&
                !string.Equals(shared.Token, previous?.Token, StringComparison.Ordinal) &&
                !string.Equals(shared.Token, Volatile.Read(ref _rejectedToken), StringComparison.Ordinal))
            {
                WebTokenLog.ClientAdoptedShared(_logger, shared.ExpiresAt);
                return CachedToken.Create(shared, now, _options);
            }
        }

        var issued = await _fetchToken(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The web token fetch returned null instead of a token.");
        var receivedAt = _time.GetUtcNow();
        if (issued.ExpiresAt <= receivedAt)
        {
            throw new InvalidOperationException($"The web token fetch returned a token that expired at {issued.ExpiresAt:O}, before it arrived at {receivedAt:O}; check both clocks.");
        }

        WebTokenLog.ClientFetched(_logger, issued.ExpiresAt);
        if (_sharedCache is not null)
        {
            await _sharedCache.SetAsync(issued, cancellationToken).ConfigureAwait(false);
        }

        return CachedToken.Create(issued, receivedAt, _options);
    }

    /// <summary>
    /// Doubles per failure up to the maximum. Worked in ticks as a double: thirty doublings of a long delay overflow
    /// <see cref="TimeSpan"/>, and a throw here, inside the failure handling, would leave the waiters hanging.
    /// </summary>
    private TimeSpan RetryDelay(int attempt)
    {
        var ticks = _options.InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ticks < _options.MaxRetryDelay.Ticks ? TimeSpan.FromTicks((long)ticks) : _options.MaxRetryDelay;
    }

    private sealed class CachedToken
    {
        private CachedToken(string token, DateTimeOffset expiresAt, DateTimeOffset refreshAt, DateTimeOffset usableUntil)
        {
            Token = token;
            ExpiresAt = expiresAt;
            RefreshAt = refreshAt;
            UsableUntil = usableUntil;
        }

        public string Token { get; }

        public DateTimeOffset ExpiresAt { get; }

        /// <summary>From here on, callers still get this token but a background refresh starts.</summary>
        public DateTimeOffset RefreshAt { get; }

        /// <summary>From here on, callers wait for a new token (never before the refresh point).</summary>
        public DateTimeOffset UsableUntil { get; }

        /// <summary>
        /// Times the refresh from when the token arrived: its issue time is unknown (the seed API sends only the
        /// expiry) and clocks may differ, but the remaining life is what matters.
        /// </summary>
        public static CachedToken Create(IssuedWebToken issued, DateTimeOffset receivedAt, WebTokenClientOptions options)
        {
            var remaining = issued.ExpiresAt - receivedAt;
            var jitter = options.RefreshJitter * RandomNumberGenerator.GetInt32(0, 10_001) / 10_000;
            var refreshAt = receivedAt + (remaining * (options.RefreshAfter + jitter));
            var usableUntil = issued.ExpiresAt - options.ExpiryMargin;
            return new CachedToken(issued.Token, issued.ExpiresAt, refreshAt, usableUntil > refreshAt ? usableUntil : refreshAt);
        }
    }
}
