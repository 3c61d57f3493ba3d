using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.BrowserTests;

/// <summary>The browser fixture with two-factor sign-in required of staff, as outside Development.</summary>
public sealed class TwoFactorBrowserFixture : BrowserFixture
{
    protected override bool RequireTwoFactorForStaff => true;
}

[CollectionDefinition(Name)]
public sealed class TwoFactorBrowserCollection : ICollectionFixture<TwoFactorBrowserFixture>
{
    public const string Name = "Browser with two-factor sign-in required";
}

/// <summary>Issue 14, point 1: a staff member sets up an authenticator app on a phone-sized screen, then signs in with its code.</summary>
[Collection(TwoFactorBrowserCollection.Name)]
public sealed class TwoFactorJourneyTests(TwoFactorBrowserFixture fixture)
{
    [Fact]
    public async Task A_clinician_sets_up_an_authenticator_app_at_390_px_and_signs_in_with_its_code_next_time()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync("behandler.vejle");

        // Password right, no app yet: the set-up page, with the key as a QR code and in groups of four.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sæt totrinslogin op", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-kode til godkendelsesappen" })).ToBeVisibleAsync();
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Trim();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        await PageChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "two-factor-setup-390.png"), FullPage = true });

        // Nothing else opens until it is set up.
        await page.GotoAsync("/Courses");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log ind", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/Account/TwoFactorSetup");

        await page.GetByLabel("Kode (6 cifre)").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekræft og slå til" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Fortsæt" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbejdsliste", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync("/Account/Security");
        await Assertions.Expect(page.GetByTestId("two-factor-status")).ToContainTextAsync("Totrinslogin er slået til");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();

        // Next time: password, then the code from the app.
        await new LoginPage(page).SignInAsync("behandler.vejle");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bekræft med din godkendelsesapp", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("Kode (6 cifre)").FillAsync(Totp.WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekræft", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Koden er forkert eller for gammel");
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("Kode (6 cifre)").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekræft", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbejdsliste", Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "two-factor-signed-in-390.png") });
    }
}
