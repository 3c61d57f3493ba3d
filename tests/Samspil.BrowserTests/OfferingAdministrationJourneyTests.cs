using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18: an administrator creates an offering with weekly hours on a phone (360 px): the edit page, an error,
/// the saved offering with its coming week, each checked with axe-core and for sideways scrolling.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class OfferingAdministrationJourneyTests(SecondBrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_creates_an_offering_with_weekly_hours_on_a_phone()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await new LoginPage(page).SignInAsync("admin.traume");
        await page.GotoAsync("/Admin/Offerings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tilbud", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nyt tilbud" }).ClickAsync();
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Aftenrådgivning (browser)");
        await page.GetByLabel("Hvad er tilbuddet?").FillAsync("Rådgivning om aftenen for borgere og pårørende.");
        await page.GetByLabel("mandag: Åbner").FillAsync("16:00");
        await page.GetByLabel("mandag: Lukker").FillAsync("21:00");
        await page.GetByLabel("tirsdag: Åbner").FillAsync("16:00");
        await PageChecks.CheckAsync(page, 360, "admin-offering-edit");

        // Tuesday is half filled: a readable message, the typed values kept.
        await SaveAsync(page);
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Skriv både åbner og lukker.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByLabel("Navn", new() { Exact = true })).ToHaveValueAsync("Aftenrådgivning (browser)");
        await PageChecks.CheckAsync(page, 360, "admin-offering-error");

        await page.GetByLabel("tirsdag: Lukker").FillAsync("21:00");
        await SaveAsync(page);
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("Aftenrådgivning (browser)", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("offering-week")).ToContainTextAsync("16:00–21:00");
        await PageChecks.CheckAsync(page, 360, "admin-offering-saved");
    }

    private static async Task SaveAsync(IPage page)
    {
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true });
        await save.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }
}
