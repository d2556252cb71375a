using Credentials.Jwt;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.StackExchangeRedis.Tests.Storage;

/// <summary>The core's signing-key store contract, unchanged, on a real Redis: each store has its own key prefix, wired as a host wires it.</summary>
public sealed class RedisSigningKeyStoreContractTests(RedisServer server) : SigningKeyStoreContractTests, IClassFixture<RedisServer>, IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>As many writers as the web-token race: Redis runs each script alone, whatever arrives at once.</summary>
    protected override int ConcurrentWriters => 64;

    protected override Task<ISigningKeyStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => server.Multiplexer, o => o.KeyPrefix = RedisServer.NewKeyPrefix()).UseRedisSigningKeys();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<ISigningKeyStore>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
