namespace Credentials.Invalidation;

/// <summary>
/// Tells every instance of a host that a credential stopped working or changed, so each can drop what it cached. The
/// default reaches this process only; <c>Credentials.StackExchangeRedis</c> (pub/sub) and <c>Credentials.Npgsql</c>
/// (PostgreSQL <c>LISTEN/NOTIFY</c>) reach every instance. A channel is a speed-up, never the guarantee: caches also expire, so
/// every change takes effect everywhere within the cache duration even when the channel is down.
/// </summary>
/// <remarks>Derive from <see cref="CredentialInvalidationChannel"/> to write one: it keeps the subscribers, the wire form and the echo rule in one place.</remarks>
public interface ICredentialInvalidationChannel
{
    /// <summary>
    /// Delivers the message to this instance's subscribers before it returns, then sends it to the other instances. A
    /// fault of the transport is logged, not thrown: the change it reports has already committed.
    /// </summary>
    /// <param name="invalidation">What changed.</param>
    /// <param name="cancellationToken">Cancels sending to other instances; local delivery has happened by then.</param>
    /// <returns>A task that completes when the message has been handed to the transport.</returns>
    ValueTask PublishAsync(CredentialInvalidation invalidation, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="handler"/> for every message from any instance, and with
    /// <see cref="CredentialInvalidation.Everything"/> whenever messages may have been lost. Handlers run on the
    /// transport's thread: they must be quick and must not block; an exception from one is logged and the others still run.
    /// </summary>
    /// <param name="handler">Drops what the message names.</param>
    /// <returns>Disposing it unsubscribes.</returns>
    IDisposable Subscribe(Action<CredentialInvalidation> handler);
}
