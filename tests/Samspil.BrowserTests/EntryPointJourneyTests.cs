using Microsoft.Playwright;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18: a relative without an account, on a phone, goes from the sign-in page to "Hvor henvender jeg mig?",
/// chooses a municipality and a target group, and finds the entry point's phone, its open state and the help open
/// after hours. The page passes axe-core and is no wider than 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryPointJourneyTests(BrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task An_anonymous_visitor_on_a_phone_finds_the_entry_point_for_a_municipality_and_target_group()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 780);
        await page.GotoAsync($"{fixture.BaseUrl}/Account/Login");
        await page.GetByTestId("login-entry-point-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hvor henvender jeg mig?", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Kommune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Vejle" });
        await page.GetByLabel("Målgruppe", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Veteraner med PTSD" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis indgang" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Indgang\?kommune=630&maalgruppe=ptsd-veteran$"));
        var unit = page.GetByTestId("entry-point-unit");
        await Assertions.Expect(unit.GetByRole(AriaRole.Heading, new() { Name = "Flygtninge- og veterankoordinator, Vejle Kommune" })).ToBeVisibleAsync();
        await Assertions.Expect(unit.GetByTestId("entry-point-phone")).ToHaveAttributeAsync("href", "tel:72000330");
        await Assertions.Expect(unit.GetByTestId("entry-point-open-state")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^(Åben|Lukket) nu"));
        await unit.Locator("summary").ClickAsync(); // the week's opening hours
        await Assertions.Expect(unit.GetByRole(AriaRole.Rowheader, new() { Name = "Fredag" })).ToBeVisibleAsync();

        // After-hours help is always there: the round-the-clock crisis line is open whatever the hour.
        await Assertions.Expect(page.GetByTestId("entry-point-urgent-item").Filter(new() { HasText = "Krisetelefonen – hele døgnet (demo)" })).ToContainTextAsync("Åben hele døgnet");
        await PageChecks.CheckAsync(page, Phone, "entry-point");
    }
}
