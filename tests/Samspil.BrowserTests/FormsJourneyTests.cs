using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Forms that help (issue 21): a staff form submitted with errors puts focus on the error summary, whose link moves
/// focus to the field; the field says what is wrong (aria-invalid, aria-describedby) and keeps what was typed;
/// "Find en tid" stays open on an error and reads a Danish date.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormsJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_clinician_is_led_from_the_error_summary_to_the_field_and_loses_nothing_typed()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");

        await page.GotoAsync(fixture.BaseUrl + "/Me/Availability");
        var form = page.Locator("#availability-form");
        await form.GetByLabel("Arbejdstid fra").FillAsync("25:99");
        await form.GetByLabel("Sprog jeg tolker").FillAsync("ar, fa");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Der er 1 problem");
        Assert.StartsWith("Fejl: ", await page.TitleAsync(), StringComparison.Ordinal);
        await summary.GetByRole(AriaRole.Link, new() { Name = "Skriv tidspunktet som tt:mm" }).ClickAsync();
        var start = page.Locator("#workStart");
        await Assertions.Expect(start).ToBeFocusedAsync();
        await Assertions.Expect(start).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(start).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Skriv tidspunktet som tt:mm"));
        await Assertions.Expect(start).ToHaveValueAsync("25:99");
        await Assertions.Expect(form.GetByLabel("Sprog jeg tolker")).ToHaveValueAsync("ar, fa");
        await page.SetViewportSizeAsync(360, 800);
        await PageChecks.CheckAsync(page, 360, "form-errors-availability");
        await page.SetViewportSizeAsync(1280, 800);

        // "Find en tid" stays open with the typed dates and the error, and then reads "24-12-2026".
        await page.GotoAsync("/Courses");
        await new CourseListPage(page).OpenAsync("Preben Demo-Nielsen");
        await page.GetByTestId("open-meetings").ClickAsync();
        var calendar = new CourseCalendarPage(page);
        if (await calendar.Meetings.Filter(new() { HasText = "Foreslået" }).CountAsync() == 0)
        {
            await calendar.ProposeAsync("Tværindsats (tre netværksmøder)");
        }

        await calendar.Meetings.Filter(new() { HasText = "Foreslået" }).Last.GetByRole(AriaRole.Link).First.ClickAsync();
        var find = page.Locator("#find-form");
        if (!await find.IsVisibleAsync())
        {
            await page.Locator("#find > summary").ClickAsync();
        }

        await find.GetByLabel("Fra dato").FillAsync("31-02-2026");
        await find.GetByLabel("Til dato").FillAsync("24-12-2026");
        await find.GetByRole(AriaRole.Button, new() { Name = "Find tider" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(find).ToBeVisibleAsync();
        await Assertions.Expect(find.GetByLabel("Fra dato")).ToHaveValueAsync("31-02-2026");
        await Assertions.Expect(find.GetByLabel("Fra dato")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(find.GetByLabel("Til dato")).ToHaveValueAsync("24-12-2026");
        await PageChecks.AssertAccessibleAsync(page);

        var place = find.Locator("#find-location, #find-link");
        if (await place.CountAsync() > 0)
        {
            await place.FillAsync(await place.GetAttributeAsync("id") == "find-link" ? "https://video.example/rum" : "Lokale 2");
        }

        await find.GetByLabel("Fra dato").FillAsync("24-12-2026");
        await find.GetByLabel("Til dato").FillAsync("31-12-2026");
        await find.GetByRole(AriaRole.Button, new() { Name = "Find tider" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToHaveCountAsync(0);
        await Assertions.Expect(find.GetByLabel("Fra dato")).ToHaveValueAsync("24-12-2026");
        await Assertions.Expect(page.GetByTestId("slots").Or(page.GetByTestId("no-slot"))).ToBeVisibleAsync();
    }
}
