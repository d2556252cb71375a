using Credentials.Client.DependencyInjection;
using Credentials.Client.Diagnostics;
using Credentials.Client.Refresh;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Client;

/// <summary>
/// Keeps a client's web token for an API that allows one active token per API key (issuing a new one retires the
/// old). Callers ask <see cref="GetTokenAsync"/> whenever they need one; the manager hands out the cached token,
/// refreshes it in the background at about 75-80% of its life, and makes sure only one fetch is ever in flight:
/// two parallel fetches would retire each other's token. Keep one instance per API key, as a singleton;
/// <c>AddWebTokenHandler</c> registers one per named <see cref="HttpClient"/>.
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
    private readonly WebTokenSource _source;
    private readonly SingleFetchSlot _fetchSlot = new();
    private readonly RetryBackoff _backoff;
    private readonly WebTokenClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string?> _readRejectedToken;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _gate = new();

    private CachedToken? _current;
    private Task<CachedToken>? _refresh;
    private string? _rejectedToken;
    private bool _disposed;

    /// <summary>Creates a manager over the host's token fetch.</summary>
    /// <param name="fetchToken">
    /// Asks the API for a new token (for the web token API: <c>GET /web-token</c> with the API key as bearer) and
    /// returns it with its expiry; throws when the API fails. The token it receives is cancelled only when the manager
    /// is disposed or <see cref="WebTokenClientOptions.FetchTimeout"/> passes, never by one caller giving up; until the
    /// fetch returns, no other fetch starts.
    /// </param>
    /// <param name="options">Refresh timing and retry delays; the defaults suit tokens that live minutes to hours.</param>
    /// <param name="sharedCache">Optional: shares the token with other instances of the application that use the same API key.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Optional logger; tokens are never logged.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public WebTokenManager(
        Func<CancellationToken, ValueTask<FetchedWebToken>> fetchToken,
        WebTokenClientOptions? options = null,
        IWebTokenCache? sharedCache = null,
        TimeProvider? timeProvider = null,
        ILogger<WebTokenManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fetchToken);
        _options = options ?? new WebTokenClientOptions();
        if (WebTokenClientOptionsValidator.Instance.Validate(name: null, _options) is { Failed: true } invalid)
        {
            throw new ArgumentException(invalid.FailureMessage, nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<WebTokenManager>.Instance;
        _source = new WebTokenSource(fetchToken, sharedCache, _options, _time, _logger);
        _backoff = new RetryBackoff(_options);
        _readRejectedToken = () => Volatile.Read(ref _rejectedToken);
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
                Volatile.Write(ref _rejectedToken, rejectedToken);
                WebTokenClientLog.Invalidated(_logger);
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

            if (background && !_backoff.Allows(now))
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

    /// <summary>The cached token if it replaced <paramref name="seen"/> and is still usable.</summary>
    private CachedToken? NewerUsableToken(CachedToken? seen, DateTimeOffset now) =>
        Volatile.Read(ref _current) is { } current && !ReferenceEquals(current, seen) && now < current.UsableUntil ? current : null;

    /// <summary>
    /// Runs one refresh within <see cref="WebTokenClientOptions.FetchTimeout"/>. Never faults: every outcome goes to
    /// the waiters or, for an abandoned fetch, to the log.
    /// </summary>
    private async Task RefreshAsync(TaskCompletionSource<CachedToken> completion, CachedToken? previous)
    {
        CancellationTokenSource? fetchCancellation = null;
        Task<CachedToken>? fetch = null;
        try
        {
            // Inside the try: if Dispose wins the race to here, the waiters get its exception instead of waiting for ever.
            fetchCancellation = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
            fetch = _fetchSlot.RunAloneAsync(
                () => NewerUsableToken(previous, _time.GetUtcNow()),
                cancellationToken => FetchAndKeepAsync(previous, cancellationToken),
                fetchCancellation.Token);
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
                (attempt, retryAt) = _backoff.RecordFailure(now);
            }

            if (previous is not null && now < previous.UsableUntil)
            {
                WebTokenClientLog.RefreshFailed(_logger, exception, attempt, previous.ExpiresAt, retryAt);
            }

            completion.TrySetException(exception);

            // A background refresh may have no waiter; reading the exception marks it observed.
            _ = completion.Task.Exception;

            if (fetch is not null)
            {
                await AbandonedFetch.SettleAsync(fetch, fetchCancellation!, exception, _logger).ConfigureAwait(false);
            }
        }
        finally
        {
            fetchCancellation?.Dispose();
        }
    }

    /// <summary>Obtains a token and makes it the current one, even when it arrives after its waiters timed out.</summary>
    private async Task<CachedToken> FetchAndKeepAsync(CachedToken? previous, CancellationToken cancellationToken)
    {
        var fresh = await _source.ObtainAsync(previous, _readRejectedToken, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            Volatile.Write(ref _current, fresh);
            _backoff.Reset();
        }

        return fresh;
    }
}
