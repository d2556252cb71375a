using System.Net;
using System.Text.RegularExpressions;
using Credentials.Samples.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests;

/// <summary>The whole flow with the mouse in a desktop window, and the API's refusals shown where they belong.</summary>
[Collection(BrowserTestCollection.Name)]
public sealed partial class KeyManagementFlowTests(SampleSite site, DesktopBrowser browser, ITestOutputHelper output) : IClassFixture<DesktopBrowser>
{
    [Fact]
    public async Task WholeFlow_SignInCreateUseRollDeactivateActivateDelete_EveryStepHolds()
    {
        var page = new KeyPage(site, browser, output, nameof(WholeFlow_SignInCreateUseRollDeactivateActivateDelete_EveryStepHolds));
        var name = $"Deploy {Guid.NewGuid():N}"[..15];
        page.Open();
        page.Screenshot("sign-in");
        page.SignIn("alice");
        page.Screenshot("signed-in");

        page.SubmitCreate(name, ["read", "write"]);
        var key = page.ShownSecret();
        page.Screenshot("new-key-shown-once");
        key.Should().StartWith("cc_live_").And.HaveLength(57);
        page.Text("secret-warning").Should().Contain("shown only this once");
        page.Click("copy-secret");
        browser.WaitUntil(() => page.Text("copy-status").Length > 0, "the copy button's answer");
        page.Text("copy-status").Should().NotContain(key[8..^6], "the status says what happened, never the key");
        page.CloseSecret();
        page.Everything().Should().NotContain(key).And.NotContain(key[8..^6], "the secret leaves the page when its dialog closes");
        // The list shows only the prefix and the stored hint: the key's last four characters.
        page.WaitForCell(name, "Key", $"cc_live_…{key[^4..]}");
        page.RowCell(name, "Permissions").Should().Be("read, write");
        page.Screenshot("key-listed");
        await page.ExpectKeyAsync(key, HttpStatusCode.OK, "the key shown once works");

        var rolled = page.Roll(name, "3600");
        page.Screenshot("rolled-key-shown-once");
        page.CloseSecret();
        page.Everything().Should().NotContain(rolled).And.NotContain(rolled[8..^6]);
        page.WaitForCell(name, "Key", $"cc_live_…{rolled[^4..]}");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.OK, "the rolled key works");
        await page.ExpectKeyAsync(key, HttpStatusCode.OK, "the old key works for the grace period chosen, an hour");

        page.RowButton(name, "deactivate").Click();
        page.WaitForStatus(name, "Inactive");
        page.Screenshot("deactivated");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.Unauthorized, "a deactivated key is refused");
        await page.ExpectKeyAsync(key, HttpStatusCode.Unauthorized, "so is its old secret");

        page.RowButton(name, "activate").Click();
        page.WaitForStatus(name, "Active");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.OK, "an activated key works again");

        page.OpenDelete(name);
        page.Screenshot("delete-confirmation");
        page.ConfirmDelete(name);
        page.Screenshot("deleted");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.Unauthorized, "a deleted key is refused");

        page.SignOut();
        page.Screenshot("signed-out");
        JwtShape().IsMatch(page.Everything()).Should().BeFalse("signing out forgets the JWT");
    }

    [Fact]
    public void SignIn_WrongPassword_RefusalShownBesideTheSignInButton()
    {
        var page = new KeyPage(site, browser, output, nameof(SignIn_WrongPassword_RefusalShownBesideTheSignInButton));
        page.Open();

        page.Type("username", "alice");
        page.Type("password", "not-her-password");
        page.Click("sign-in");

        browser.WaitUntil(() => page.Text("sign-in-error").Length > 0, "the sign-in error");
        page.Screenshot("wrong-password");
        page.Text("sign-in-error").Should().Be("Wrong username or password.");
        page.Visible("keys-section").Should().BeFalse();
    }

    [Fact]
    public void SignIn_TooManyFailures_RetryAfterShownBesideTheSignInButton()
    {
        var page = new KeyPage(site, browser, output, nameof(SignIn_TooManyFailures_RetryAfterShownBesideTheSignInButton));
        page.Open();
        // A name of its own, so the throttle's per-username budget (5 failures) stops it, and no other test's user.
        page.Type("username", $"mallory-{Guid.NewGuid():N}");

        for (var attempt = 1; attempt <= 8 && !page.Text("sign-in-error").Contains("(429)", StringComparison.Ordinal); attempt++)
        {
            page.Type("password", $"guess-{attempt}");
            page.Click("sign-in");
            browser.WaitUntil(() => page.ById("sign-in").Enabled && page.Text("sign-in-error").Length > 0, "the sign-in answer");
        }

        page.Screenshot("too-many-attempts");
        page.Text("sign-in-error").Should().MatchRegex(@"^Too many attempts\. Try again in \d+ seconds \(429\)\.$");
    }

    [Fact]
    public void Create_WithoutName_FieldErrorShownBesideTheNameField()
    {
        var page = new KeyPage(site, browser, output, nameof(Create_WithoutName_FieldErrorShownBesideTheNameField));
        page.Open();
        page.SignIn("alice");

        page.SubmitCreate("", ["read"]);

        browser.WaitUntil(() => page.Text("create-name-error").Length > 0, "the name field's error");
        page.Screenshot("name-required");
        page.Text("create-name-error").Should().Be("The name field is required.");
        page.ById("create-name").GetDomAttribute("aria-invalid").Should().Be("true");
        page.Text("create-error").Should().BeEmpty("a field error belongs to its field only");
        page.DialogOpen("secret-dialog").Should().BeFalse();
    }

    [Fact]
    public void Create_UserWhoMayNotCreateKeys_ForbiddenShownBesideTheCreateButton()
    {
        var page = new KeyPage(site, browser, output, nameof(Create_UserWhoMayNotCreateKeys_ForbiddenShownBesideTheCreateButton));
        page.Open();
        page.SignIn("bob");

        page.SubmitCreate("Bob's key", ["read"]);

        browser.WaitUntil(() => page.Text("create-error").Length > 0, "the create error");
        page.Screenshot("forbidden");
        page.Text("create-error").Should().Contain("(403)");
        page.DialogOpen("secret-dialog").Should().BeFalse();
    }

    /// <summary>Three base64url segments, the first starting as every JSON header does.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    internal static partial Regex JwtShape();
}
