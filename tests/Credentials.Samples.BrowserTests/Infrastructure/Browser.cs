using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium per test class, driven by the Debian chromium-driver at a fixed path (never Selenium
/// Manager), with a screenshot directory under the test output. Derived classes choose the viewport.
/// </summary>
public abstract class Browser : IAsyncLifetime
{
    private readonly IMessageSink _diagnostics;
    private readonly Size _viewport;
    private readonly bool _mobile;
    private ChromeDriver? _driver;

    /// <param name="diagnostics">Where the fixture says what ran.</param>
    /// <param name="viewport">The page's viewport in CSS pixels.</param>
    /// <param name="mobile">Emulate a phone (its meta viewport honoured, twice the pixel density).</param>
    protected Browser(IMessageSink diagnostics, Size viewport, bool mobile)
    {
        _diagnostics = diagnostics;
        _viewport = viewport;
        _mobile = mobile;
    }

    public IWebDriver Driver => _driver ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Where this class's screenshots go: <c>TestResults/screenshots/&lt;viewport&gt;</c> beside the test assembly.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var versions = await Chromium.EnsureInstalledAsync(Report);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Chromium.DriverPath)!, Path.GetFileName(Chromium.DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;

        var options = new ChromeOptions { BinaryLocation = Chromium.BrowserPath };
        // --no-sandbox: tests run as root in containers, where Chromium's sandbox cannot start;
        // --disable-dev-shm-usage: containers' /dev/shm is often 64 MB, too small for the renderer.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US",
            "--no-first-run", "--disable-extensions", $"--window-size={_viewport.Width},{_viewport.Height}");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        // A headless window is at least 500 pixels wide, so the viewport is set exactly, as DevTools' device mode does.
        _driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = _viewport.Width,
            ["height"] = _viewport.Height,
            ["deviceScaleFactor"] = _mobile ? 2 : 1,
            ["mobile"] = _mobile,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        Report($"Browser tests run {versions} at {_viewport.Width}x{_viewport.Height}; screenshots in {ScreenshotDirectory}");
    }

    /// <summary>Saves a screenshot of the viewport as <c>&lt;test&gt;/&lt;nn&gt;-&lt;step&gt;.png</c> and says where.</summary>
    public string Screenshot(string test, int number, string step, ITestOutputHelper output)
    {
        var directory = Directory.CreateDirectory(Path.Combine(ScreenshotDirectory, test)).FullName;
        var path = Path.Combine(directory, $"{number:00}-{step}.png");
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>Waits up to 10 seconds for <paramref name="condition"/>; a stale element (the table was redrawn) counts as not yet.</summary>
    public void WaitUntil(Func<bool> condition, string what)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(10)) { Message = $"Waited 10 s for: {what}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        wait.Until(_ => condition());
    }

    public Task DisposeAsync()
    {
        _driver?.Quit();
        _driver?.Dispose();
        return Task.CompletedTask;
    }

    private void Report(string message) => _diagnostics.OnMessage(new DiagnosticMessage(message));
}
