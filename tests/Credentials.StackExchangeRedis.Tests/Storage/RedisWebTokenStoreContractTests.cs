using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.Testing;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.StackExchangeRedis.Tests.Storage;

/// <summary>
/// The core's web token store contract, unchanged, on a real Redis: each store has its own key prefix, wired the way a
/// host wires it. The suite's clock stands at its <c>Now</c>, and expired tokens are kept a day past their expiry,
/// because the suite expects a token that expired two hours ago to stay findable until purged.
/// </summary>
public sealed class RedisWebTokenStoreContractTests(RedisServer server) : WebTokenStoreContractTests, IClassFixture<RedisServer>, IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>The README's race: 64 writers for one subject in every round.</summary>
    protected override int ConcurrentWriters => 64;

    protected override Task<IWebTokenStore> CreateStoreAsync()
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
        return Task.FromResult(provider.GetRequiredService<IWebTokenStore>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
