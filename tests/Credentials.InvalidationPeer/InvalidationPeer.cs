using Credentials.Invalidation;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.InvalidationPeer;

/// <summary>
/// One more instance of a host, in its own OS process, on the Redis invalidation channel:
/// <c>InvalidationPeer &lt;redis connection string&gt; &lt;key prefix&gt;</c>. Prints <c>ready</c>, then
/// <c>received {kind} {id}</c> for every message it hears; on the line <c>publish {uuid}</c> from standard input it
/// publishes that key's invalidation and prints <c>published {uuid}</c>. Exits when standard input ends.
/// </summary>
public static class InvalidationPeer
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("usage: InvalidationPeer <redis connection string> <key prefix>");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(args[0], options => options.KeyPrefix = args[1]);
        await using var provider = services.BuildServiceProvider();
        var channel = provider.GetRequiredService<ICredentialInvalidationChannel>();
        using var printing = channel.Subscribe(message => Print($"received {message.Kind} {message.Id}"));
        Print("ready");

        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("publish ", StringComparison.Ordinal) && Guid.TryParse(line["publish ".Length..], out var uuid))
            {
                await channel.PublishAsync(CredentialInvalidation.ForKey(uuid), CancellationToken.None);
                Print($"published {uuid:D}");
            }
        }

        return 0;
    }

    private static void Print(string line)
    {
        lock (Console.Out)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
