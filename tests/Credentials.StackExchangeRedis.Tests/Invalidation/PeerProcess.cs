using System.Diagnostics;
using System.Threading.Channels;

namespace Credentials.StackExchangeRedis.Tests.Invalidation;

/// <summary>
/// <c>Credentials.InvalidationPeer</c> running as a separate OS process (started through <c>dotnet</c>, as the EF Core
/// cross-process test starts its worker): lines to its standard input, its standard output read line by line.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private PeerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Writer.TryWrite(line);
            }
        };
        _process.BeginOutputReadLine();
    }

    public static PeerProcess Start(string connectionString, string keyPrefix)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(InvalidationPeer.InvalidationPeer).Assembly.Location, connectionString, keyPrefix })
        {
            start.ArgumentList.Add(argument);
        }

        return new PeerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the invalidation peer."));
    }

    /// <summary>Waits for a line of the peer's output that <paramref name="match"/> accepts, reading past the others.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                _seen.Add(line);
                if (match(line))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The peer printed no matching line within {patience.TotalSeconds} s; it printed: {string.Join(" | ", _seen)}.");
        }
    }

    public Task SendAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>Ends the peer's input, so it exits; kills it by its PID if it has not within ten seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
