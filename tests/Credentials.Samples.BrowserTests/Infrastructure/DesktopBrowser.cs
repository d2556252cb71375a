using System.Drawing;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>A desktop window, 1280 by 900 pixels.</summary>
public sealed class DesktopBrowser(IMessageSink diagnostics) : Browser(diagnostics, new Size(1280, 900), mobile: false);
