using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Credentials.Testing;

/// <summary>
/// A private PostgreSQL server for tests and benchmarks: initialised in a temporary directory, listening on a free
/// loopback port with durability off (fsync, synchronous commit), stopped and deleted on dispose. Needs the server
/// binaries (<c>.ci/ensure-postgres.sh</c> installs them); <c>initdb</c> refuses root, so as root every server command
/// runs through <c>runuser -u postgres</c> on a directory that user owns. Shared by the test fixture and the benchmarks.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asRoot;
    private int _stopped;

    private ThrowawayPostgres(string bin, string root, bool asRoot, int port)
    {
        _bin = bin;
        _root = root;
        _asRoot = asRoot;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>A connection string for <paramref name="database"/> as the trusted superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={OsUser};Database={database};Connection Idle Lifetime=2;Connection Pruning Interval=1";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = FindBinaries();
        var asRoot = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("credentials-pg-").FullName;
        try
        {
            if (asRoot)
            {
                await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", root]).ConfigureAwait(false);
            }

            var data = Path.Combine(root, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "--no-sync", "-U", OsUser, "-E", "UTF8", "--locale=C"], asRoot)
                .ConfigureAwait(false);

            // A port found free can be taken before the server binds it; a second port then does.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeLoopbackPort();
                var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off " +
                               "-c full_page_writes=off -c max_connections=300";
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", settings, "start"], asRoot)
                        .ConfigureAwait(false);
                    return new ThrowawayPostgres(bin, root, asRoot, port);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _asRoot).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("CREDENTIALS_POSTGRES_BIN");
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
                "Install them with .ci/ensure-postgres.sh, or point CREDENTIALS_POSTGRES_BIN at their directory.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgresUser = false)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var prefix in new[] { "-u", OsUser, "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
