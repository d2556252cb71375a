using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// Node.js with the npm package <c>jose</c> (major version 6) installed into a temporary directory, beside a copy of
/// <c>verify-with-jose.mjs</c> (ES modules resolve packages from the script's own folder). Where npm is missing and the
/// tests run as root, installs the Debian packages <c>nodejs npm</c> first and says so; otherwise it fails with what
/// to install. Never skips.
/// </summary>
public sealed class NodeJose(IMessageSink diagnostics) : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("credentials-jose-");

    public async Task InitializeAsync()
    {
        if (Find("npm") is null || Find("node") is null)
        {
            await InstallNodeAsync();
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "Interop", "verify-with-jose.mjs"), Path.Combine(_directory.FullName, "verify-with-jose.mjs"));
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "package.json"), """{ "private": true, "type": "module" }""");
        var clock = Stopwatch.StartNew();
        await RunAsync("npm", ["install", "jose@6", "--no-audit", "--no-fund"], InstallTimeout);
        var version = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "node_modules", "jose", "package.json")))
            .RootElement.GetProperty("version").GetString();
        Report($"jose {version} installed in {_directory.FullName} in {clock.Elapsed.TotalSeconds:F1} s; node {(await RunAsync("node", ["--version"], RunTimeout)).Trim()}.");
    }

    /// <summary>Runs the script on <paramref name="tokens"/> against the JWKS at <paramref name="jwksUri"/> at the instant <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<Verdict>> VerifyAsync(Uri jwksUri, DateTimeOffset now, string algorithm, IReadOnlyList<string> tokens)
    {
        string[] arguments = ["verify-with-jose.mjs", jwksUri.ToString(), $"{now.ToUnixTimeSeconds()}", IssuingHost.Issuer, IssuingHost.Audience, algorithm, .. tokens];
        var lines = (await RunAsync("node", arguments, RunTimeout)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(tokens.Count, "the script prints one line per token");
        return [.. lines.Select(line =>
        {
            using var result = JsonDocument.Parse(line);
            return result.RootElement.GetProperty("accepted").GetBoolean()
                ? Verdict.Accept
                : Verdict.Refuse(result.RootElement.GetProperty("code").GetString() switch
                {
                    "ERR_JWKS_NO_MATCHING_KEY" => Verdict.UnknownKey,
                    "ERR_JWT_EXPIRED" => Verdict.Expired,
                    var code => code ?? "no code",
                });
        })];
    }

    public Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private async Task InstallNodeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                "node and npm are needed for the jose interop tests and the tests do not run as root, so they cannot install them: " +
                "install the Debian packages (sudo apt-get install -y nodejs npm).");
        }

        Report("node or npm was not found: installing the Debian packages nodejs and npm with apt-get.");
        await RunAsync("apt-get", ["update", "-q"], InstallTimeout);
        await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "nodejs", "npm"], InstallTimeout);
    }

    private void Report(string message) => diagnostics.OnMessage(new DiagnosticMessage(message));

    private async Task<string> RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Find(program) ?? program)
        {
            WorkingDirectory = _directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments[0]} did not finish within {timeout.TotalSeconds} s.");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{program} {arguments[0]} exited with {process.ExitCode}: {await error}");
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
