using System.Net;
using Credentials.Samples.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace Credentials.Samples.BrowserTests;

/// <summary>The main flow on a 375 pixel wide phone: nothing sticks out sideways, and every control can be clicked.</summary>
[Collection(BrowserTestCollection.Name)]
public sealed class NarrowViewportTests(SampleSite site, PhoneBrowser browser, ITestOutputHelper output) : IClassFixture<PhoneBrowser>
{
    [Fact]
    public async Task MainFlow_375PixelsWide_FitsTheWidthAndEveryStepWorks()
    {
        var page = new KeyPage(site, browser, output, nameof(MainFlow_375PixelsWide_FitsTheWidthAndEveryStepWorks));
        var name = $"Phone {Guid.NewGuid():N}"[..14];
        page.Open();
        ((long)((OpenQA.Selenium.IJavaScriptExecutor)page.Driver).ExecuteScript("return window.innerWidth;")!).Should().Be(375);
        FitsTheWidth(page, "sign-in");

        page.SignIn("alice");
        FitsTheWidth(page, "signed-in");

        page.SubmitCreate(name, ["read"]);
        var key = page.ShownSecret();
        FitsTheWidth(page, "new-key-shown-once");
        page.CloseSecret();
        page.Everything().Should().NotContain(key);
        page.Row(name).Displayed.Should().BeTrue();
        FitsTheWidth(page, "key-listed-as-a-card");
        await page.ExpectKeyAsync(key, HttpStatusCode.OK, "the key shown once works");

        var rolled = page.Roll(name, "0");
        page.CloseSecret();
        await page.ExpectKeyAsync(key, HttpStatusCode.Unauthorized, "a roll without grace stops the old key at once");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.OK, "the rolled key works");

        page.RowButton(name, "deactivate").Click();
        page.WaitForStatus(name, "Inactive");
        FitsTheWidth(page, "deactivated");
        await page.ExpectKeyAsync(rolled, HttpStatusCode.Unauthorized, "a deactivated key is refused");
        page.RowButton(name, "activate").Click();
        page.WaitForStatus(name, "Active");

        page.OpenDelete(name);
        FitsTheWidth(page, "delete-confirmation");
        page.ConfirmDelete(name);
        await page.ExpectKeyAsync(rolled, HttpStatusCode.Unauthorized, "a deleted key is refused");
        page.SignOut();
    }

    private static void FitsTheWidth(KeyPage page, string step)
    {
        page.Screenshot(step);
        page.HorizontalOverflow().Should().BeLessThanOrEqualTo(0, $"at step {step} the page fits 375 pixels");
    }
}
