using Credentials.Invalidation;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credentials.Npgsql.Invalidation;

/// <summary>
/// The invalidation channel over PostgreSQL <c>LISTEN/NOTIFY</c>. Sending is one <c>pg_notify</c> on a pooled
/// connection. Listening holds one dedicated connection from the data source, on a background loop started when the
/// channel is created (so an instance that never publishes still hears the others): <c>LISTEN</c>, then wait for
/// notifications, pinging the server when idle so a dead connection is noticed. When the connection drops the loop
/// reconnects with a doubling delay, and each time it listens again (the first time included) it delivers
/// <see cref="CredentialInvalidation.Everything"/> locally, since whatever was sent meanwhile is lost.
/// </summary>
internal sealed class PostgreSqlInvalidationChannel : CredentialInvalidationChannel, IAsyncDisposable, IDisposable
{
    /// <summary>How long the listener waits in silence before it pings the server to find out whether it is still there.</summary>
    internal static readonly TimeSpan IdlePingInterval = TimeSpan.FromSeconds(30);

    /// <summary>The first reconnect delay, doubled after each failed attempt up to <see cref="MaximumReconnectDelay"/>.</summary>
    internal static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(100);

    internal static readonly TimeSpan MaximumReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _channel;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;
    private int _disposed;

    /// <param name="dataSource">Where both connections come from.</param>
    /// <param name="ownsDataSource">Whether disposing the channel disposes <paramref name="dataSource"/>.</param>
    /// <param name="channel">A channel name <see cref="PostgreSqlInvalidationOptions.IsValidChannelName"/> accepts.</param>
    /// <param name="time">Times the reconnect delays.</param>
    /// <param name="logger">Where lost connections are reported.</param>
    public PostgreSqlInvalidationChannel(
        NpgsqlDataSource dataSource, bool ownsDataSource, string channel, TimeProvider time, ILogger<PostgreSqlInvalidationChannel> logger)
        : base(logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!PostgreSqlInvalidationOptions.IsValidChannelName(channel))
        {
            throw new ArgumentException("Not a channel name PostgreSqlInvalidationOptions.ChannelName allows.", nameof(channel));
        }

        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _channel = channel;
        _time = time;
        _logger = logger;
        _listening = Task.Run(() => ListenAsync(_stop.Token));
    }

    /// <summary>Stops listening, closes the listener's connection and, when it owns it, the data source.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _listening.ConfigureAwait(false);
        _stop.Dispose();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>For hosts that dispose their container synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    protected override async ValueTask SendAsync(string envelope, CancellationToken cancellationToken)
    {
        var command = _dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = _channel });
            command.Parameters.Add(new NpgsqlParameter { Value = envelope });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Listens until stopped; never throws.</summary>
    private async Task ListenAsync(CancellationToken stop)
    {
        var delay = FirstReconnectDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(() => delay = FirstReconnectDelay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                PostgreSqlInvalidationLog.ListenerLost(_logger, exception, delay);
            }

            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaximumReconnectDelay.Ticks));
        }
    }

    /// <summary>One connection's life: <c>LISTEN</c>, then wait for notifications until it breaks or the channel stops.</summary>
    private async Task ListenOnceAsync(Action listening, CancellationToken stop)
    {
        var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += OnNotification;
            await ExecuteAsync(connection, $"LISTEN {_channel}", stop).ConfigureAwait(false);

            listening();
            PostgreSqlInvalidationLog.Listening(_logger);
            Deliver(CredentialInvalidation.Everything);
            try
            {
                while (true)
                {
                    if (!await connection.WaitAsync(IdlePingInterval, stop).ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, "SELECT 1", stop).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                connection.Notification -= OnNotification;
                // A pooled connection goes back clean, even from a data source that does not reset connections.
                await UnlistenAsync(connection).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (string.Equals(notification.Channel, _channel, StringComparison.Ordinal))
        {
            Receive(notification.Payload);
        }
    }

    private static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection, "UNLISTEN *", CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is broken after all; the pool discards it.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
