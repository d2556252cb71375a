using System.Net;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>
/// The key page as a person sees it, for one test: what it shows (read from the DOM) and what a person does with the
/// mouse. Keyboard-only steps are the keyboard test's own. Every step can be recorded as a screenshot.
/// </summary>
public sealed class KeyPage(SampleSite site, Browser browser, ITestOutputHelper output, string test)
{
    private int _step;

    public IWebDriver Driver => browser.Driver;

    /// <summary>Loads the page afresh (nothing survives a reload: the JWT lived in a script variable).</summary>
    public void Open()
    {
        Driver.Navigate().GoToUrl(site.PageAddress);
        browser.WaitUntil(() => Visible("sign-in-form"), "the sign-in form");
    }

    public void Screenshot(string step) => browser.Screenshot(test, ++_step, step, output);

    public IWebElement ById(string id) => Driver.FindElement(By.Id(id));

    public bool Visible(string id) => ById(id).Displayed;

    public string Text(string id) => ById(id).Text;

    /// <summary>The live value of an input or select (the property, not the attribute).</summary>
    public string Value(string id) => ById(id).GetDomProperty("value") ?? "";

    public bool DialogOpen(string id) => ById(id).GetDomProperty("open") == "True";

    public void Type(string id, string text)
    {
        var input = ById(id);
        input.Clear();
        input.SendKeys(text);
    }

    public void Click(string id) => ById(id).Click();

    public void SignIn(string username)
    {
        Type("username", username);
        Type("password", $"{username}-password");
        Click("sign-in");
        WaitSignedIn(username);
    }

    public void WaitSignedIn(string username)
    {
        browser.WaitUntil(() => Visible("keys-section") && Text("account-name") == username, $"{username} signed in");
        WaitForList();
    }

    /// <summary>Waits until the latest listing has been drawn (the section is no longer busy).</summary>
    public void WaitForList() =>
        browser.WaitUntil(() => ById("keys-section").GetDomAttribute("aria-busy") == "false", "the key list");

    /// <summary>Opens the create dialog, fills it and submits it; the caller waits for the outcome.</summary>
    public void SubmitCreate(string name, string[] permissions, string expiryDays = "30")
    {
        Click("new-key");
        browser.WaitUntil(() => DialogOpen("create-dialog"), "the create dialog");
        Type("create-name", name);
        foreach (var permission in permissions)
        {
            Driver.FindElement(By.CssSelector($"#create-permission-list input[value='{permission}']")).Click();
        }

        Driver.FindElement(By.CssSelector($"#create-expiry option[value='{expiryDays}']")).Click();
        Click("create-submit");
    }

    /// <summary>Waits for the secret dialog and returns the key it shows.</summary>
    public string ShownSecret()
    {
        browser.WaitUntil(() => DialogOpen("secret-dialog") && Value("secret-value").Length > 0, "the secret dialog");
        return Value("secret-value");
    }

    public void CloseSecret()
    {
        Click("close-secret");
        WaitSecretClosed();
    }

    /// <summary>
    /// Waits for the dialog to close and for its close event, which the browser dispatches a moment after the dialog
    /// stops being open (Escape may skip the cancel event, so the close event is where the page always wipes the key).
    /// </summary>
    public void WaitSecretClosed() =>
        browser.WaitUntil(() => !DialogOpen("secret-dialog") && Value("secret-value").Length == 0, "the secret dialog to close and forget the key");

    /// <summary>The row of the key named <paramref name="name"/> once the list shows it (names in tests are unique and plain).</summary>
    public IWebElement Row(string name)
    {
        browser.WaitUntil(() => HasRow(name), $"the row of {name}");
        return Driver.FindElement(By.XPath($"//tbody[@id='keys-body']/tr[th[normalize-space()='{name}']]"));
    }

    public bool HasRow(string name) => Driver.FindElements(By.XPath($"//tbody[@id='keys-body']/tr[th[normalize-space()='{name}']]")).Count > 0;

    public IWebElement RowButton(string name, string action) => Row(name).FindElement(By.CssSelector($"button.{action}"));

    public string RowCell(string name, string label) => Row(name).FindElement(By.CssSelector($"td[data-label='{label}']")).Text;

    public void WaitForStatus(string name, string status) => WaitForCell(name, "Status", status);

    /// <summary>Waits until the list, drawn again after a change, shows <paramref name="expected"/> in the key's cell.</summary>
    public void WaitForCell(string name, string label, string expected) =>
        browser.WaitUntil(() => RowCell(name, label) == expected, $"{name}'s {label} to read {expected}");

    /// <summary>Rolls through the dialog with a grace period in seconds; returns the new key it shows.</summary>
    public string Roll(string name, string graceSeconds)
    {
        RowButton(name, "roll").Click();
        browser.WaitUntil(() => DialogOpen("roll-dialog"), "the roll dialog");
        Driver.FindElement(By.CssSelector($"#roll-grace option[value='{graceSeconds}']")).Click();
        Click("roll-submit");
        return ShownSecret();
    }

    public void OpenDelete(string name)
    {
        RowButton(name, "delete").Click();
        browser.WaitUntil(() => DialogOpen("delete-dialog"), "the delete dialog");
    }

    public void ConfirmDelete(string name)
    {
        Click("delete-confirm");
        browser.WaitUntil(() => !DialogOpen("delete-dialog") && !HasRow(name), $"{name} to be gone");
    }

    public void SignOut()
    {
        Click("sign-out");
        browser.WaitUntil(() => Visible("sign-in-form") && !Visible("keys-section"), "the sign-in form after signing out");
    }

    /// <summary>
    /// Everything of the page a script or an extension could read: the serialized DOM, every control's live value, and
    /// the storage a page could have written to.
    /// </summary>
    public string Everything() => (string)((IJavaScriptExecutor)Driver).ExecuteScript("""
        return [
          document.documentElement.outerHTML,
          ...[...document.querySelectorAll('input, textarea, select')].map(e => e.value),
          JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie,
        ].join('\n');
        """)!;

    /// <summary>Asserts that the key works (or not) against the sample's ordinary endpoint, as a program would use it.</summary>
    public async Task ExpectKeyAsync(string key, HttpStatusCode status, string because) =>
        (await site.WhoAmIStatusAsync(key)).Should().Be(status, because);

    /// <summary>The page is a single column at this width: nothing sticks out sideways.</summary>
    public long HorizontalOverflow() =>
        (long)((IJavaScriptExecutor)Driver).ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth;")!;
}
