namespace Credentials.Client;

/// <summary>
/// An ability an <see cref="IWebTokenCache"/> may also have: a lock shared by every instance, so only one of them
/// refreshes the shared token at a time. Without it two instances whose tokens go stale together may both fetch, and
/// against a single-active API the second fetch retires the first one's token. When the cache has this ability the
/// manager takes the lock before fetching, reads the cache again once it holds it (the instance before it may have
/// shared a new token meanwhile) and fetches only if it still finds none it can use.
/// </summary>
public interface IWebTokenRefreshLock
{
    /// <summary>
    /// Waits until this instance alone may refresh, and returns the lease; disposing the lease lets the next instance
    /// in. A lease must end by itself after a short time if its holder dies, so one crashed instance cannot stop the others.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (the manager's fetch timeout, or disposal).</param>
    ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(CancellationToken cancellationToken);
}
