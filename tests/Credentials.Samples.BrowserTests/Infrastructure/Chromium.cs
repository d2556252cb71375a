using System.Diagnostics;
using System.Text.RegularExpressions;
using Credentials.StackExchangeRedis.Tests.Infrastructure;

namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>
/// The Debian packages <c>chromium</c> and <c>chromium-driver</c>, whose versions match each other, so no test
/// downloads a browser or a driver (Selenium Manager is never asked). Where either is missing and the tests run as
/// root, installs both with apt-get (as <c>.ci/ensure-chromium.sh</c> does); otherwise fails with a message that says
/// what to install. Never skips.
/// </summary>
internal static partial class Chromium
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly string[] Packages = ["chromium", "chromium-driver"];
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _versions;

    /// <summary>Installs the packages when missing; returns the browser's and the driver's version lines.</summary>
    public static async Task<string> EnsureInstalledAsync(Action<string> report)
    {
        await Gate.WaitAsync();
        try
        {
            if (_versions is null)
            {
                if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
                {
                    await InstallAsync(report);
                }

                _versions = await VersionsAsync();
            }

            return _versions;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task InstallAsync(Action<string> report)
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                $"{BrowserPath} or {DriverPath} is missing and the tests do not run as root, so they cannot install them. " +
                "Install the Debian packages (sudo apt-get install -y chromium chromium-driver, or run .ci/ensure-chromium.sh).");
        }

        // --no-install-recommends: the browser runs headless, so none of the desktop helpers it recommends is needed.
        string[] install = ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q", "--no-install-recommends", .. Packages];
        report($"{BrowserPath} or {DriverPath} was not found: installing the Debian packages {string.Join(" and ", Packages)} with apt-get.");
        var watch = Stopwatch.StartNew();
        try
        {
            await ToolProcess.RunAsync("apt-get", install);
        }
        catch (InvalidOperationException)
        {
            report("apt-get install failed; running apt-get update and trying again.");
            await ToolProcess.RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=300", "update", "-q"]);
            await ToolProcess.RunAsync("apt-get", install);
        }

        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException($"apt-get installed {string.Join(" and ", Packages)}, but {BrowserPath} or {DriverPath} is still missing.");
        }

        report($"Installed {string.Join(" and ", Packages)} in {watch.Elapsed.TotalSeconds:0} s.");
    }

    /// <summary>Both version lines; a driver of another major version than the browser cannot drive it, so that fails here, clearly.</summary>
    private static async Task<string> VersionsAsync()
    {
        var browser = (await ToolProcess.RunAsync(BrowserPath, ["--version"])).Trim();
        var driver = (await ToolProcess.RunAsync(DriverPath, ["--version"])).Trim();
        var browserMajor = MajorVersion().Match(browser).Value;
        if (browserMajor.Length == 0 || browserMajor != MajorVersion().Match(driver).Value)
        {
            throw new InvalidOperationException($"The browser ({browser}) and the driver ({driver}) are of different versions: install chromium and chromium-driver from the same release.");
        }

        return $"{browser}; {driver}";
    }

    [GeneratedRegex(@"\b\d+(?=\.\d)")]
    private static partial Regex MajorVersion();
}
