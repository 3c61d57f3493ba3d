using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 14, point 3: the clinic that registered Khaled (demo data: Traumeklinikken Odense) corrects his
/// preferred language from the course page; the change shows on the course and in the history with who.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class MasterDataJourneyTests(SecondBrowserFixture fixture)
{
    private const string Khaled = "Khaled Demo-Nasser";

    [Fact]
    public async Task A_clinician_corrects_the_citizens_language_from_the_course_page_and_sees_it_in_the_history()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        await list.SearchAsync("Khaled");
        await list.OpenAsync(Khaled);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Khaled);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ret borgerens oplysninger" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ret borgerens oplysninger", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Oplysningerne er ikke rettet, siden borgeren blev oprettet.")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);

        await page.GetByLabel("Foretrukket sprog").SelectOptionAsync(new SelectOptionValue { Label = "Engelsk" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("Borgerens oplysninger er rettet.");
        await Assertions.Expect(page.Locator(".citizen-card")).ToContainTextAsync("Engelsk");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ret borgerens oplysninger" }).ClickAsync();
        var history = page.GetByTestId("master-data-history").Locator("tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await Assertions.Expect(history.First).ToContainTextAsync("Foretrukket sprog");
        await Assertions.Expect(history.First).ToContainTextAsync("ar");
        await Assertions.Expect(history.First).ToContainTextAsync("en");
        await Assertions.Expect(history.First).ToContainTextAsync("Mette Demo-Lindberg");
        await PageChecks.AssertAccessibleAsync(page);

        // A bad e-mail is a readable message on the form, and nothing is saved.
        await page.GetByLabel("E-mail").FillAsync("ikke en adresse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToBeVisibleAsync();
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await PageChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "master-data-citizen.png"), FullPage = true });
    }
}
