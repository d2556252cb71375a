using System.Net;
using Credentials.Samples.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests;

/// <summary>
/// The main flow with the keyboard alone: focus moves with Tab only, controls are used with Enter or Space, text is
/// typed; nothing is clicked. What the test reads from the DOM (the shown key, which element has focus) is not input.
/// </summary>
[Collection(BrowserTestCollection.Name)]
public sealed class KeyboardOnlyTests(SampleSite site, DesktopBrowser browser, ITestOutputHelper output) : IClassFixture<DesktopBrowser>
{
    /// <summary>More Tab presses than the page has stops with a dozen keys listed; reaching none of them in time is a failure.</summary>
    private const int MaxTabs = 120;

    [Fact]
    public async Task MainFlow_TabEnterAndSpaceOnly_SignInCreateRollDeactivateActivateDeleteSignOut()
    {
        var page = new KeyPage(site, browser, output, nameof(MainFlow_TabEnterAndSpaceOnly_SignInCreateRollDeactivateActivateDeleteSignOut));
        var name = $"Keys {Guid.NewGuid():N}"[..13];
        page.Open();

        TabTo(() => page.ById("username"));
        Press("alice");
        TabTo(() => page.ById("password"));
        Press("alice-password");
        Press(Keys.Enter);
        page.WaitSignedIn("alice");
        page.Screenshot("signed-in");

        TabTo(() => page.ById("new-key"));
        Press(Keys.Enter);
        browser.WaitUntil(() => page.DialogOpen("create-dialog"), "the create dialog");
        TabTo(() => page.ById("create-name"));
        Press(name);
        TabTo(() => page.Driver.FindElement(By.CssSelector("#create-permission-list input[value='read']")));
        Press(Keys.Space);
        page.Screenshot("create-filled");
        TabTo(() => page.ById("create-submit"));
        Press(Keys.Enter);
        var key = page.ShownSecret();
        page.Screenshot("new-key-shown-once");
        TabTo(() => page.ById("close-secret"));
        Press(Keys.Space);
        page.WaitSecretClosed();
        page.Everything().Should().NotContain(key).And.NotContain(key[8..^6]);
        await page.ExpectKeyAsync(key, HttpStatusCode.OK, "the key shown once works");

        TabTo(() => page.RowButton(name, "roll"));
        Press(Keys.Enter);
        browser.WaitUntil(() => page.DialogOpen("roll-dialog"), "the roll dialog");
        page.Value("roll-grace").Should().Be("3600", "the default grace period is an hour");
        TabTo(() => page.ById("roll-submit"));
        Press(Keys.Enter);
        var rolled = page.ShownSecret();
        TabTo(() => page.ById("close-secret"));
        Press(Keys.Enter);
        page.WaitSecretClosed();
        page.Everything().Should().NotContain(rolled);
        await page.ExpectKeyAsync(rolled, HttpStatusCode.OK, "the rolled key works");
        await page.ExpectKeyAsync(key, HttpStatusCode.OK, "the old key works within its grace period");

        TabTo(() => page.RowButton(name, "deactivate"));
        Press(Keys.Space);
        page.WaitForStatus(name, "Inactive");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.Unauthorized, "a deactivated key is refused");
        TabTo(() => page.RowButton(name, "activate"));
        Press(Keys.Enter);
        page.WaitForStatus(name, "Active");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.OK, "an activated key works again");

        TabTo(() => page.RowButton(name, "delete"));
        Press(Keys.Enter);
        browser.WaitUntil(() => page.DialogOpen("delete-dialog"), "the delete dialog");
        Focused().Should().Be(page.ById("delete-cancel"), "the safe choice has focus, so Enter alone deletes nothing");
        TabTo(() => page.ById("delete-confirm"));
        Press(Keys.Enter);
        browser.WaitUntil(() => !page.HasRow(name), $"{name} to be gone");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.Unauthorized, "a deleted key is refused");

        TabTo(() => page.ById("sign-out"));
        Press(Keys.Enter);
        browser.WaitUntil(() => page.Visible("sign-in-form"), "the sign-in form");
        page.Screenshot("signed-out");
    }

    [Fact]
    public void SecretDialog_ClosedWithEscape_KeyIsGoneFromThePage()
    {
        var page = new KeyPage(site, browser, output, nameof(SecretDialog_ClosedWithEscape_KeyIsGoneFromThePage));
        page.Open();
        page.SignIn("alice");
        page.SubmitCreate($"Escape {Guid.NewGuid():N}"[..15], ["read"]);
        var key = page.ShownSecret();

        Press(Keys.Escape);

        page.WaitSecretClosed();
        page.Everything().Should().NotContain(key).And.NotContain(key[8..^6]);
    }

    private IWebElement Focused() => browser.Driver.SwitchTo().ActiveElement();

    private void Press(string keys) => new Actions(browser.Driver).SendKeys(keys).Perform();

    /// <summary>Presses Tab until <paramref name="target"/> has focus (found afresh each time: the table is redrawn).</summary>
    private void TabTo(Func<IWebElement> target)
    {
        for (var presses = 0; presses <= MaxTabs; presses++)
        {
            var wanted = target();
            if (Focused().Equals(wanted))
            {
                return;
            }

            Press(Keys.Tab);
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached {target().TagName}#{target().GetDomAttribute("id")} ({target().Text}) in {MaxTabs} presses.");
    }
}
