using Microsoft.Extensions.Logging;

namespace Credentials.Invalidation;

/// <summary>
/// The part of every <see cref="ICredentialInvalidationChannel"/> that is not transport: the subscribers, local
/// delivery first, the envelope that carries the sender's instance id (so an instance ignores its own echo), and
/// reading untrusted input. A transport sends <see cref="Envelope"/> strings and hands what it receives to
/// <see cref="Receive"/>.
/// </summary>
public abstract class CredentialInvalidationChannel : ICredentialInvalidationChannel
{
    /// <summary>Longer input is not an envelope of ours and is dropped unread.</summary>
    private const int MaxEnvelopeLength = 64 + CredentialInvalidation.MaxIdLength;

    private readonly ILogger _logger;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly object _gate = new();
    private Action<CredentialInvalidation>[] _handlers = [];

    /// <summary>Creates the channel's common part.</summary>
    /// <param name="logger">Where handler faults, transport faults and unreadable input are reported.</param>
    protected CredentialInvalidationChannel(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask PublishAsync(CredentialInvalidation invalidation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        Deliver(invalidation);
        try
        {
            await SendAsync(Envelope(invalidation), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The change has committed; other instances fall back to their cache duration.
            InvalidationLog.SendFailed(_logger, exception, invalidation.Kind);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<CredentialInvalidation> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Sends an envelope to the other instances (this instance's subscribers already have the message).</summary>
    /// <param name="envelope">The text to send, at most a little over <see cref="CredentialInvalidation.MaxIdLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the transport has the envelope.</returns>
    protected abstract ValueTask SendAsync(string envelope, CancellationToken cancellationToken);

    /// <summary>
    /// Reads an envelope that arrived from the transport and delivers its message, unless this instance sent it or it
    /// is not an envelope at all (dropped and logged without its content).
    /// </summary>
    /// <param name="envelope">What arrived.</param>
    protected void Receive(ReadOnlySpan<char> envelope)
    {
        var bar = envelope.IndexOf('|');
        if (envelope.Length > MaxEnvelopeLength || bar < 1
            || !CredentialInvalidation.TryParse(envelope[(bar + 1)..], out var invalidation))
        {
            InvalidationLog.Unreadable(_logger, envelope.Length);
            return;
        }

        if (!envelope[..bar].SequenceEqual(_instanceId))
        {
            Deliver(invalidation);
        }
    }

    /// <summary>
    /// Hands a message to this instance's subscribers only. A transport calls it with
    /// <see cref="CredentialInvalidation.Everything"/> when it reconnects, since messages sent meanwhile are lost.
    /// </summary>
    /// <param name="invalidation">The message.</param>
    protected void Deliver(CredentialInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                handler(invalidation);
            }
            catch (Exception exception)
            {
                InvalidationLog.HandlerFailed(_logger, exception, invalidation.Kind);
            }
        }
    }

    private string Envelope(CredentialInvalidation invalidation) => $"{_instanceId}|{invalidation.Format()}";

    private void Unsubscribe(Action<CredentialInvalidation> handler)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(CredentialInvalidationChannel channel, Action<CredentialInvalidation> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                channel.Unsubscribe(handler);
            }
        }
    }
}
