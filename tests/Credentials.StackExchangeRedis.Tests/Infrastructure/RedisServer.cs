using StackExchange.Redis;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Credentials.StackExchangeRedis.Tests.Infrastructure;

/// <summary>
/// One throwaway Redis for a test class, with one multiplexer to it. Tests share the server and stay apart by key
/// prefix (<see cref="NewKeyPrefix"/>), so no test flushes another's keys.
/// </summary>
public sealed class RedisServer(IMessageSink diagnostics) : IAsyncLifetime
{
    private ThrowawayRedis? _redis;
    private ConnectionMultiplexer? _multiplexer;

    internal ThrowawayRedis Redis => _redis ?? throw new InvalidOperationException("The server has not started.");

    public IConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException("The server has not started.");

    public string ConnectionString => Redis.ConnectionString;

    /// <summary>A prefix no other test uses.</summary>
    public static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}:";

    public async Task InitializeAsync()
    {
        _redis = await ThrowawayRedis.StartAsync(message => diagnostics.OnMessage(new DiagnosticMessage(message)));
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
