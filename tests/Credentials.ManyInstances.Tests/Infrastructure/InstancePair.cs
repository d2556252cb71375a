using System.Diagnostics;
using Credentials.AspNetCore.Endpoints;
using Credentials.Invalidation;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>
/// Two instances, A and B, on a database and a Redis key prefix of their own on the shared servers. With a transport,
/// the pair is returned only once each instance has heard the other over it, so no measurement starts before B listens.
/// </summary>
internal sealed class InstancePair : IAsyncDisposable
{
    private static readonly TimeSpan ListeningPatience = TimeSpan.FromSeconds(30);

    private InstancePair(Instance a, Instance b)
    {
        A = a;
        B = b;
    }

    /// <summary>The instance that makes changes.</summary>
    public Instance A { get; }

    /// <summary>The instance that must learn of them.</summary>
    public Instance B { get; }

    public static async Task<InstancePair> StartAsync(
        SharedServers servers,
        InvalidationTransport transport,
        WebTokenStorage webTokens,
        TimeProvider? clock = null,
        Action<LoginThrottleOptions>? throttle = null)
    {
        var database = await servers.CreateDatabaseAsync();
        var prefix = $"instances-{Guid.NewGuid():N}:";
        InstanceSettings Settings(string name) =>
            new(name, database, servers.Redis.ConnectionString, prefix, transport, webTokens, clock ?? TimeProvider.System, throttle ?? (static _ => { }));

        var a = await Instance.StartAsync(Settings("instance-a"));
        var b = await Instance.StartAsync(Settings("instance-b"));
        var pair = new InstancePair(a, b);
        if (transport != InvalidationTransport.None)
        {
            await WaitUntilHeardAsync(a, b);
            await WaitUntilHeardAsync(b, a);
        }

        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }

    /// <summary>Publishes a probe on <paramref name="sender"/> every 50 ms until <paramref name="listener"/> hears one.</summary>
    private static async Task WaitUntilHeardAsync(Instance sender, Instance listener)
    {
        var probe = CredentialInvalidation.ForKey(Guid.NewGuid());
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = listener.Channel.Subscribe(invalidation =>
        {
            if (invalidation.Equals(probe))
            {
                heard.TrySetResult();
            }
        });
        var waited = Stopwatch.StartNew();
        while (!heard.Task.IsCompleted)
        {
            if (waited.Elapsed > ListeningPatience)
            {
                throw new TimeoutException($"{listener.Name} did not hear {sender.Name} within {ListeningPatience.TotalSeconds} s.");
            }

            await sender.Channel.PublishAsync(probe, CancellationToken.None);
            await Task.WhenAny(heard.Task, Task.Delay(50));
        }
    }
}
