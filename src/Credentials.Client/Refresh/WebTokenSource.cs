using Credentials.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Credentials.Client.Refresh;

/// <summary>
/// Where a new token comes from: the shared cache when it holds a usable token that is neither the one being replaced
/// nor one the server rejected, otherwise the host's fetch, whose token then goes to the shared cache. A cache that is
/// also an <see cref="IWebTokenRefreshLock"/> is read again under its lock before fetching, so instances fetch one at a time.
/// </summary>
internal sealed class WebTokenSource(
    Func<CancellationToken, ValueTask<FetchedWebToken>> fetchToken,
    IWebTokenCache? sharedCache,
    WebTokenClientOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <param name="previous">The token being replaced, if any.</param>
    /// <param name="rejectedToken">Reads the token a 401 rejected last; read after the shared cache answers, so a 401 meanwhile counts.</param>
    /// <param name="cancellationToken">Cancels the fetch (timeout or disposal).</param>
    public async Task<CachedToken> ObtainAsync(CachedToken? previous, Func<string?> rejectedToken, CancellationToken cancellationToken)
    {
        if (sharedCache is null)
        {
            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }

        if (await TakeSharedAsync(previous, rejectedToken, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            return shared;
        }

        if (sharedCache is not IWebTokenRefreshLock refreshLock)
        {
            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }

        var lease = await refreshLock.AcquireRefreshLockAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // The instance that held the lock before may have shared the token this one was about to fetch.
            return await TakeSharedAsync(previous, rejectedToken, cancellationToken).ConfigureAwait(false)
                ?? await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The shared token, if it has more than the margin left and is neither the one being replaced nor one the server rejected.</summary>
    private async Task<CachedToken?> TakeSharedAsync(CachedToken? previous, Func<string?> rejectedToken, CancellationToken cancellationToken)
    {
        var shared = await sharedCache!.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (shared is null || shared.ExpiresAt - now <= options.ExpiryMargin ||
            string.Equals(shared.Token, previous?.Token, StringComparison.Ordinal) ||
            string.Equals(shared.Token, rejectedToken(), StringComparison.Ordinal))
        {
            return null;
        }

        WebTokenClientLog.AdoptedShared(logger, shared.ExpiresAt);
        return CachedToken.Create(shared, now, options);
    }

    /// <summary>Asks the host's fetch for a new token and shares it.</summary>
    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var fetched = await fetchToken(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The web token fetch returned null instead of a token.");
        var receivedAt = time.GetUtcNow();
        if (fetched.ExpiresAt <= receivedAt)
        {
            throw new InvalidOperationException($"The web token fetch returned a token that expired at {fetched.ExpiresAt:O}, before it arrived at {receivedAt:O}; check both clocks.");
        }

        WebTokenClientLog.Fetched(logger, fetched.ExpiresAt);
        if (sharedCache is not null)
        {
            await sharedCache.SetAsync(fetched, cancellationToken).ConfigureAwait(false);
        }

        return CachedToken.Create(fetched, receivedAt, options);
    }
}
