using Credentials.Sessions;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.StackExchangeRedis.Tests.Storage;

/// <summary>
/// The core's session store contract, unchanged, on a real Redis: each store has its own key prefix, wired the way a
/// host wires it. The clock stands at the suite's <c>Now</c> and expired sessions are kept a day past their expiry,
/// because the suite rotates and purges a session that expired an hour ago.
/// </summary>
public sealed class RedisSessionStoreContractTests(RedisServer server) : SessionStoreContractTests, IClassFixture<RedisServer>, IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    protected override int ConcurrentRefreshes => 64;

    protected override Task<ISessionStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddCredentials().AddRedis(_ => server.Multiplexer, options =>
        {
            options.KeyPrefix = RedisServer.NewKeyPrefix();
            options.ExpiredTokenRetention = TimeSpan.FromDays(1);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<ISessionStore>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
