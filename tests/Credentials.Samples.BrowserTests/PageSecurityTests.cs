using Credentials.Samples.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests;

/// <summary>The page's own defences: its policy header, no inline code, and the JWT held nowhere but in memory.</summary>
[Collection(BrowserTestCollection.Name)]
public sealed class PageSecurityTests(SampleSite site, DesktopBrowser browser, ITestOutputHelper output) : IClassFixture<DesktopBrowser>
{
    /// <summary>Counts what a strict policy forbids: scripts without a file, style elements and attributes, inline handlers, javascript: URLs.</summary>
    private const string CountInlineCode = """
        const all = [...document.querySelectorAll('*')];
        return [...document.scripts].filter(s => !s.src || s.textContent.trim()).length
          + document.querySelectorAll('style, [style]').length
          + all.filter(e => [...e.attributes].some(a => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value))).length;
        """;

    [Theory]
    [InlineData("keys/")]
    [InlineData("keys/keys.js")]
    [InlineData("keys/keys.css")]
    public async Task Page_Served_StrictContentSecurityPolicy(string path)
    {
        using var response = await site.Http.GetAsync(path);

        response.EnsureSuccessStatusCode();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        directives.Should().Contain(["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]);
        policy.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval").And.NotContain("*").And.NotContain("http");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Page_ServedAndSignedIn_NoInlineScriptOrStyle()
    {
        var html = await site.Http.GetStringAsync("keys/");
        var page = new KeyPage(site, browser, output, nameof(Page_ServedAndSignedIn_NoInlineScriptOrStyle));
        page.Open();
        var onLoad = Count(CountInlineCode);
        page.SignIn("alice");
        page.Click("new-key");
        browser.WaitUntil(() => page.DialogOpen("create-dialog"), "the create dialog");

        html.Should().NotContainAny("<style", "style=", "javascript:").And.MatchRegex("<script type=\"module\" src=\"keys.js\"></script>");
        System.Text.RegularExpressions.Regex.Matches(html, "<script").Should().HaveCount(1, "one script element, the module file");
        System.Text.RegularExpressions.Regex.IsMatch(html, @"\son[a-z]+=").Should().BeFalse("no inline event handler");
        onLoad.Should().Be(0);
        Count(CountInlineCode).Should().Be(0, "the page draws rows and dialogs without inline code too");
    }

    [Fact]
    public void InjectedScript_PolicyEnforced_NeitherAnInlineScriptNorMarkupRuns()
    {
        var page = new KeyPage(site, browser, output, nameof(InjectedScript_PolicyEnforced_NeitherAnInlineScriptNorMarkupRuns));
        page.Open();

        // What an injection would try: an inline script element, and markup with an event handler.
        var outcome = (string)((IJavaScriptExecutor)browser.Driver).ExecuteScript("""
            const results = [];
            try {
              const script = document.createElement('script');
              script.textContent = 'window.injectedScriptRan = true';
              document.head.append(script);
              results.push('script appended');
            } catch (e) { results.push('script refused: ' + e.name); }
            try {
              document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.injectedMarkupRan = true">');
              results.push('markup inserted');
            } catch (e) { results.push('markup refused: ' + e.name); }
            return results.join('; ');
            """)!;
        Thread.Sleep(200);
        var ran = ((IJavaScriptExecutor)browser.Driver).ExecuteScript("return [window.injectedScriptRan === true, window.injectedMarkupRan === true];");

        output.WriteLine(outcome);
        ran.Should().BeEquivalentTo(new[] { false, false }, $"the policy stops both ({outcome})");
    }

    [Fact]
    public void SignIn_Succeeded_JwtKeptInMemoryOnlyAndGoneAfterReload()
    {
        var page = new KeyPage(site, browser, output, nameof(SignIn_Succeeded_JwtKeptInMemoryOnlyAndGoneAfterReload));
        page.Open();

        page.SignIn("alice");

        var storage = (string)((IJavaScriptExecutor)browser.Driver).ExecuteScript(
            "return JSON.stringify([localStorage.length, sessionStorage.length, document.cookie, window.name, location.href]);")!;
        storage.Should().Be($"[0,0,\"\",\"\",\"{site.PageAddress}\"]", "no storage, cookie, window name or URL holds the JWT");
        browser.Driver.Manage().Cookies.AllCookies.Should().BeEmpty("no cookie at all, not even an HttpOnly one");
        KeyManagementFlowTests.JwtShape().IsMatch(page.Everything()).Should().BeFalse("the DOM never holds the JWT");
        page.Value("password").Should().BeEmpty("the password leaves the form once used");

        browser.Driver.Navigate().Refresh();

        browser.WaitUntil(() => page.Visible("sign-in-form"), "the sign-in form after a reload");
        page.Visible("keys-section").Should().BeFalse("a reload forgets the session");
    }

    private long Count(string script) => (long)((IJavaScriptExecutor)browser.Driver).ExecuteScript(script)!;
}
