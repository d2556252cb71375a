using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// The multiplexer the stores and the invalidation channel talk through: either one the package opened from a connection string (connected on
/// first use, disposed with the container) or the host's own (never disposed here).
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;
    private readonly bool _owned;

    private RedisConnection(Func<Task<IConnectionMultiplexer>> connect, bool owned)
    {
        _multiplexer = new Lazy<Task<IConnectionMultiplexer>>(connect);
        _owned = owned;
    }

    /// <summary>A connection this package opens and owns.</summary>
    public static RedisConnection Open(ConfigurationOptions configuration) =>
        new(async () => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false), owned: true);

    /// <summary>The host's multiplexer, used as it is.</summary>
    public static RedisConnection Borrow(IConnectionMultiplexer multiplexer) =>
        new(() => Task.FromResult(multiplexer), owned: false);

    /// <summary>
    /// Reads a connection string for <see cref="Open"/>: the host starts even while Redis is down (the multiplexer
    /// reconnects in the background, and operations fail meanwhile), and exception messages leave key names out,
    /// because keys hold subjects and token hashes.
    /// </summary>
    public static ConfigurationOptions ParseConnectionString(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.IncludeDetailInExceptions = false;
        return configuration;
    }

    public async ValueTask<IDatabase> GetDatabaseAsync() =>
        (await _multiplexer.Value.ConfigureAwait(false)).GetDatabase();

    public Task<IConnectionMultiplexer> GetMultiplexerAsync() => _multiplexer.Value;

    /// <summary>Runs one script; a Redis fault becomes a <see cref="RedisCredentialStoreException"/> naming the operation.</summary>
    public async ValueTask<RedisResult> EvaluateAsync(string operation, LuaScript script, object parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var database = await GetDatabaseAsync().ConfigureAwait(false);
            return await script.EvaluateAsync(database, parameters).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            throw new RedisCredentialStoreException($"Redis did not complete {operation}.", exception);
        }
    }

    /// <summary>
    /// Runs a script over a number of keys known only per call (a prepared <see cref="LuaScript"/> names a fixed set);
    /// a Redis fault becomes a <see cref="RedisCredentialStoreException"/> naming the operation.
    /// </summary>
    public async ValueTask<RedisResult> EvaluateAsync(string operation, string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var database = await GetDatabaseAsync().ConfigureAwait(false);
            return await database.ScriptEvaluateAsync(script, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            throw new RedisCredentialStoreException($"Redis did not complete {operation}.", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (OwnedMultiplexer() is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>For hosts that dispose their container synchronously.</summary>
    public void Dispose() => OwnedMultiplexer()?.Dispose();

    private IConnectionMultiplexer? OwnedMultiplexer() =>
        _owned && _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully ? _multiplexer.Value.Result : null;
}
