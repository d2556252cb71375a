using Credentials.Invalidation;
using Credentials.StackExchangeRedis.Invalidation;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Credentials.StackExchangeRedis.Tests.Invalidation;

/// <summary>
/// The invalidation channel contract on a real Redis of this class's own (the restart test restarts it): each instance
/// is a container of its own with its own connection, as <c>AddRedis(connectionString)</c> wires it; a test's scope is
/// its key prefix.
/// </summary>
public sealed class RedisInvalidationChannelContractTests(RedisServer server, ITestOutputHelper output)
    : InvalidationChannelContractTests(output), IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];

    protected override string TransportName => "Redis pub/sub";

    protected override Task<ICredentialInvalidationChannel> CreateInstanceAsync(string scope)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(server.ConnectionString, options => options.KeyPrefix = scope + ":");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<ICredentialInvalidationChannel>());
    }

    protected override Task InjectAsync(string scope, string payload) =>
        server.Multiplexer.GetSubscriber().PublishAsync(RedisInvalidationChannel.ChannelName(scope + ":"), payload);

    protected override Task InterruptAsync(string scope) => server.Redis.RestartAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
