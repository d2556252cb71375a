using Credentials.Invalidation;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.StackExchangeRedis.Tests.Invalidation;

/// <summary>The Redis channel created while Redis is down, on a server of this class's own (stopped and started here).</summary>
public sealed class RedisInvalidationChannelStartTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Subscribe_RedisDownAtStart_HearsEverythingAndMessagesOnceRedisIsUp()
    {
        var prefix = RedisServer.NewKeyPrefix();
        var heard = new List<CredentialInvalidation>();
        var everything = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await server.Redis.StopAsync();
        ServiceProvider listening;
        IDisposable subscription;
        try
        {
            // Listened to before Redis is back, so the reconnect's Everything cannot come before the handler is there.
            listening = Services(prefix);
            subscription = listening.GetRequiredService<ICredentialInvalidationChannel>().Subscribe(message =>
            {
                lock (heard)
                {
                    heard.Add(message);
                }

                if (message.Kind == CredentialInvalidationKind.Everything)
                {
                    everything.TrySetResult();
                }
            });
        }
        finally
        {
            await server.Redis.RestartAsync();
        }

        await using (listening)
        await using (var sending = Services(prefix))
        using (subscription)
        {
            var message = CredentialInvalidation.ForKey(Guid.NewGuid());

            await everything.Task.WaitAsync(Patience);
            var sender = sending.GetRequiredService<ICredentialInvalidationChannel>();
            for (var attempt = 0; attempt < 100 && !Contains(heard, message); attempt++)
            {
                await sender.PublishAsync(message, CancellationToken.None);
                await Task.Delay(100);
            }

            Contains(heard, message).Should().BeTrue("the subscription made while Redis was down is made again once it is up");
        }
    }

    private ServiceProvider Services(string prefix)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(server.ConnectionString, options => options.KeyPrefix = prefix);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ICredentialInvalidationChannel>();
        return provider;
    }

    private static bool Contains(List<CredentialInvalidation> heard, CredentialInvalidation message)
    {
        lock (heard)
        {
            return heard.Contains(message);
        }
    }
}
