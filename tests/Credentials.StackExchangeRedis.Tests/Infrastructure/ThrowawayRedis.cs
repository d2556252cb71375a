using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Credentials.StackExchangeRedis.Tests.Infrastructure;

/// <summary>
/// A private <c>redis-server</c> for tests: a free loopback port, no persistence (<c>--save ""</c>,
/// <c>--appendonly no</c>), its log and working directory in a temporary directory, stopped by its PID. Where the
/// binary is missing and the tests run as root, installs the Debian package <c>redis-server</c> first (as
/// <c>.ci/ensure-redis.sh</c> does); otherwise it fails with a message that says what to install.
/// </summary>
internal sealed class ThrowawayRedis : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _directory;
    private Process? _process;

    private ThrowawayRedis(string binary, string directory, int port)
    {
        _binary = binary;
        _directory = directory;
        Port = port;
    }

    /// <summary>The loopback port the server listens on, kept across <see cref="RestartAsync"/>.</summary>
    public int Port { get; }

    /// <summary>The server's address, for a configuration string of a test's own.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>
    /// A StackExchange.Redis configuration string for the server, with timeouts long enough for a loaded machine
    /// (64 writers race in the contract suite).
    /// </summary>
    public string ConnectionString => $"{Endpoint},connectTimeout=15000,syncTimeout=15000,asyncTimeout=15000";

    /// <summary>What ran: the binary and its version line.</summary>
    public string Description { get; private set; } = "";

    /// <summary>Starts a server; <paramref name="report"/> hears what was installed and what runs.</summary>
    public static async Task<ThrowawayRedis> StartAsync(Action<string> report)
    {
        var binary = await FindOrInstallAsync(report).ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("credentials-redis-").FullName;
        // A port found free can be taken before the server binds it; a second port then does.
        for (var attempt = 1; ; attempt++)
        {
            var redis = new ThrowawayRedis(binary, directory, FreeLoopbackPort());
            try
            {
                await redis.LaunchAsync().ConfigureAwait(false);
                redis.Description = $"{binary} ({(await ToolProcess.RunAsync(binary, ["--version"]).ConfigureAwait(false)).Trim()}) on 127.0.0.1:{redis.Port}";
                report($"Redis tests run on {redis.Description}, without persistence.");
                return redis;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await redis.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the server by its PID and starts a new one on the same port: every key is gone, as after a crash.</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await LaunchAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the server by its PID; the port refuses connections until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Directory.Delete(_directory, recursive: true);
    }

    private async Task LaunchAsync()
    {
        var log = Path.Combine(_directory, $"redis-{Port}.log");
        var start = new ProcessStartInfo(_binary) { UseShellExecute = false };
        foreach (var argument in new[] { "--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--dir", _directory, "--logfile", log, "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_binary}.");
        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync().ConfigureAwait(false))
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var tail = File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "(no log)";
                await StopAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{Port}: {tail}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray()).ConfigureAwait(false);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<string> FindOrInstallAsync(Action<string> report)
    {
        var configured = Environment.GetEnvironmentVariable("CREDENTIALS_REDIS_SERVER");
        if (configured is { Length: > 0 })
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"CREDENTIALS_REDIS_SERVER names {configured}, which does not exist.");
        }

        if (Find() is { } found)
        {
            return found;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                "redis-server was not found on PATH and the tests do not run as root, so they cannot install it. " +
                "Install the Debian package (sudo apt-get install -y redis-server, or run .ci/ensure-redis.sh), " +
                "or point CREDENTIALS_REDIS_SERVER at a redis-server binary.");
        }

        report("redis-server was not found: installing the Debian package redis-server with apt-get.");
        try
        {
            await ToolProcess.RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "redis-server"]).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            report("apt-get install failed; running apt-get update and trying again.");
            await ToolProcess.RunAsync("apt-get", ["update", "-q"]).ConfigureAwait(false);
            await ToolProcess.RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "redis-server"]).ConfigureAwait(false);
        }

        return Find() ?? throw new InvalidOperationException("apt-get installed redis-server, but no redis-server binary is on PATH.");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
