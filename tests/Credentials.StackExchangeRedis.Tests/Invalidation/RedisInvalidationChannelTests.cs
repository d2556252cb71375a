using Credentials.Invalidation;
using Credentials.StackExchangeRedis.Invalidation;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Tests.Invalidation;

/// <summary>What the Redis channel does beyond the contract: its registration and its disposal.</summary>
public sealed class RedisInvalidationChannelTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public void AddRedis_ReplacesTheInProcessChannel()
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => server.Multiplexer);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ICredentialInvalidationChannel>().Should().BeOfType<RedisInvalidationChannel>();
        services.Count(d => d.ServiceType == typeof(ICredentialInvalidationChannel)).Should().Be(1);
    }

    [Fact]
    public async Task DisposeAsync_BorrowedMultiplexer_UnsubscribesAndLeavesTheMultiplexerOpen()
    {
        var prefix = RedisServer.NewKeyPrefix();
        var channelName = RedisInvalidationChannel.ChannelName(prefix);
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => server.Multiplexer, options => options.KeyPrefix = prefix);
        var provider = services.BuildServiceProvider();
        var channel = (RedisInvalidationChannel)provider.GetRequiredService<ICredentialInvalidationChannel>();
        await channel.Subscribed;
        (await SubscribersAsync(channelName)).Should().Be(1);

        await provider.DisposeAsync();

        (await SubscribersAsync(channelName)).Should().Be(0);
        server.Multiplexer.IsConnected.Should().BeTrue("the host owns its multiplexer");
    }

    private async Task<long> SubscribersAsync(RedisChannel channel)
    {
        var result = await server.Multiplexer.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel.ToString());
        return (long)((RedisResult[])result!)[1];
    }
}
