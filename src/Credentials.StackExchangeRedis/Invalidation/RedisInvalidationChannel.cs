using Credentials.Invalidation;
using Credentials.StackExchangeRedis.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Invalidation;

/// <summary>
/// The invalidation channel over Redis pub/sub, on the channel <c>{KeyPrefix}invalidation</c> of the connection the
/// stores use. It subscribes when it is created, so an instance that never publishes still hears the others, and it
/// delivers <see cref="CredentialInvalidation.Everything"/> locally each time the subscription is (re)established:
/// whatever was published while it was not listening is lost, so caches start over. Every restored connection counts
/// (the interactive and the subscription connection each raise one), which may flush caches twice, never too few times.
/// </summary>
internal sealed class RedisInvalidationChannel : CredentialInvalidationChannel, IAsyncDisposable, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private readonly Action<RedisChannel, RedisValue> _onMessage;
    private readonly EventHandler<ConnectionFailedEventArgs> _onRestored;
    private readonly Task<IConnectionMultiplexer?> _subscribed;
    private int _disposed;

    public RedisInvalidationChannel(RedisConnection connection, IOptions<RedisCredentialsOptions> options, ILogger<RedisInvalidationChannel> logger)
        : base(logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _channel = ChannelName(options.Value.KeyPrefix);
        _logger = logger;
        _onMessage = (_, message) =>
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                Receive(((string?)message).AsSpan());
            }
        };
        _onRestored = (_, _) => _ = ResubscribedAsync();
        _subscribed = SubscribeAsync();
    }

    /// <summary>The pub/sub channel under <paramref name="keyPrefix"/>.</summary>
    public static RedisChannel ChannelName(string keyPrefix) => RedisChannel.Literal(keyPrefix + "invalidation");

    /// <summary>Completes once the first subscription attempt has ended (for tests and disposal).</summary>
    internal Task Subscribed => _subscribed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1 || await _subscribed.ConfigureAwait(false) is not { } multiplexer)
        {
            return;
        }

        multiplexer.ConnectionRestored -= _onRestored;
        try
        {
            await multiplexer.GetSubscriber().UnsubscribeAsync(_channel, _onMessage).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // Redis is down: the subscription ends with the connection, or is dropped on the next reconnect.
            RedisInvalidationLog.UnsubscribeFailed(_logger, exception);
        }
    }

    /// <summary>For hosts that dispose their container synchronously: stops delivering at once, unsubscribes in the background.</summary>
    public void Dispose() => _ = DisposeAsync().AsTask();

    protected override async ValueTask SendAsync(string envelope, CancellationToken cancellationToken)
    {
        var multiplexer = await _connection.GetMultiplexerAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await multiplexer.GetSubscriber().PublishAsync(_channel, envelope).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IConnectionMultiplexer?> SubscribeAsync()
    {
        IConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await _connection.GetMultiplexerAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException)
        {
            RedisInvalidationLog.SubscribeFailed(_logger, exception);
            return null;
        }

        // Before subscribing, so a reconnect during the first attempt is not missed.
        multiplexer.ConnectionRestored += _onRestored;
        try
        {
            // A failed attempt stays registered with the multiplexer, which subscribes again when Redis is back.
            await multiplexer.GetSubscriber().SubscribeAsync(_channel, _onMessage).ConfigureAwait(false);
            Deliver(CredentialInvalidation.Everything);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            RedisInvalidationLog.SubscribeFailed(_logger, exception);
        }

        return multiplexer;
    }

    /// <summary>
    /// After a reconnect the multiplexer subscribes again by itself; a ping on the subscriber connection waits until
    /// that subscription is in place, then caches forget what they hold.
    /// </summary>
    private async Task ResubscribedAsync()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        try
        {
            var multiplexer = await _connection.GetMultiplexerAsync().ConfigureAwait(false);
            await multiplexer.GetSubscriber().PingAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            RedisInvalidationLog.SubscribeFailed(_logger, exception);
        }
        finally
        {
            RedisInvalidationLog.Reconnected(_logger);
            Deliver(CredentialInvalidation.Everything);
        }
    }
}
