using System.Drawing;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>A phone: a 375 by 812 pixel viewport (an iPhone's).</summary>
public sealed class PhoneBrowser(IMessageSink diagnostics) : Browser(diagnostics, new Size(375, 812), mobile: true);
