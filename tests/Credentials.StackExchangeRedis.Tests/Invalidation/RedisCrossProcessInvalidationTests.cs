using Credentials.Invalidation;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.StackExchangeRedis.Tests.Invalidation;

/// <summary>Invalidations between two OS processes over one Redis: this test host and <c>Credentials.InvalidationPeer</c>.</summary>
public sealed class RedisCrossProcessInvalidationTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PublishAsync_AnotherProcess_EachHearsTheOther()
    {
        var prefix = RedisServer.NewKeyPrefix();
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(server.ConnectionString, options => options.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();
        var channel = provider.GetRequiredService<ICredentialInvalidationChannel>();
        var heard = new TaskCompletionSource<CredentialInvalidation>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fromPeer = Guid.NewGuid();
        using var subscription = channel.Subscribe(message =>
        {
            if (message.Equals(CredentialInvalidation.ForKey(fromPeer)))
            {
                heard.TrySetResult(message);
            }
        });
        await using var peer = PeerProcess.Start(server.ConnectionString, prefix);
        await peer.WaitForLineAsync(line => line == "ready", Patience);

        // The peer subscribes in the background: send until it hears one.
        var toPeer = Guid.NewGuid();
        using var delivered = new CancellationTokenSource(Patience);
        var received = peer.WaitForLineAsync(line => line == $"received ApiKeyChanged {toPeer:D}", Patience);
        while (!received.IsCompleted && !delivered.IsCancellationRequested)
        {
            await channel.PublishAsync(CredentialInvalidation.ForKey(toPeer), CancellationToken.None);
            await Task.WhenAny(received, Task.Delay(200));
        }

        await received;
        await peer.SendAsync($"publish {fromPeer:D}");
        (await heard.Task.WaitAsync(Patience)).Should().Be(CredentialInvalidation.ForKey(fromPeer));
    }
}
