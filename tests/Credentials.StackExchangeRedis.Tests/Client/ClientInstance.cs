using Credentials.Client;
using Credentials.StackExchangeRedis.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Tests.Client;

/// <summary>
/// One instance of a client application: its own service provider and its own Redis connection, with
/// <c>AddWebTokenHandler</c> and <c>AddRedisWebTokenCache</c> as a host would write them (on the system clock).
/// </summary>
internal sealed class ClientInstance : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly ServiceProvider _services;

    private ClientInstance(ConnectionMultiplexer multiplexer, ServiceProvider services)
    {
        _multiplexer = multiplexer;
        _services = services;
    }

    public WebTokenManager Tokens => _services.GetRequiredKeyedService<WebTokenManager>("vendor");

    public IWebTokenCache Cache => _services.GetRequiredKeyedService<IWebTokenCache>("vendor");

    public IConnectionMultiplexer Multiplexer => _multiplexer;

    public static async Task<ClientInstance> StartAsync(
        string connectionString, string key, CountingTokenEndpoint endpoint, TimeProvider clock, TimeSpan? lockDuration = null)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(connectionString + ",abortConnect=false");
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        var client = services.AddHttpClient("vendor")
            .AddWebTokenHandler((_, cancellationToken) => endpoint.FetchAsync(cancellationToken));
        if (clock == TimeProvider.System)
        {
            client.AddRedisWebTokenCache(_ => multiplexer, key, options => options.LockDuration = lockDuration ?? options.LockDuration);
        }
        else
        {
            // The lock's retry delays must run on real time while the managers' clock is fake (a fake clock's delays
            // end only when it is advanced), so the cache is registered by hand with the system clock.
            var options = new RedisWebTokenCacheOptions { Key = key, LockDuration = lockDuration ?? TimeSpan.FromSeconds(10) };
            services.AddKeyedSingleton<IWebTokenCache>("vendor", new RedisWebTokenCache(multiplexer, options, TimeProvider.System));
        }

        return new ClientInstance(multiplexer, services.BuildServiceProvider());
    }

    public async Task<string[]> GetTokensAsync(int callers) =>
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Tokens.GetTokenAsync(CancellationToken.None).AsTask()));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _multiplexer.DisposeAsync();
    }
}
