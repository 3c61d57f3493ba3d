using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 17 point 8: Preben's clinician opens the course's deadlines on a phone (375 px): the job centre's first follow-up
/// conversation runs from his first day of absence (demo); she starts the review of his driving ban — first without the date,
/// which comes back as a readable message — and marks the follow-up done. axe-core on the page before and after.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class DeadlineJourneyTests(SecondBrowserFixture fixture)
{
    [Fact]
    public async Task The_clinician_starts_the_driving_ban_review_and_marks_the_follow_up_done_on_a_phone()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(375, 800);
        await new LoginPage(page).SignInAsync("behandler.odense");
        await page.GotoAsync("/Courses");
        await page.GetByTestId("course-list").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Preben") }).First.ClickAsync();
        await page.GetByTestId("open-deadlines").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Frister");
        var followUp = page.GetByTestId("deadline-row").Filter(new() { HasText = "Første opfølgningssamtale" });
        await Assertions.Expect(followUp).ToContainTextAsync("Lov om sygedagpenge (opfølgning)");
        await Assertions.Expect(followUp).ToContainTextAsync("Snart: om 11 dage");
        await PageChecks.CheckAsync(page, 375, "deadlines-page");

        // No date for a deadline that runs from a date a professional enters: a readable message, the choice kept.
        var form = page.GetByTestId("deadline-start-form");
        await form.GetByLabel("Frist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Revurdering af kørselsforbud (inden 6 måneder fra datoen for kørselsforbuddet)" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Start fristen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Angiv datoen, fristen løber fra");
        await Assertions.Expect(page.GetByTestId("deadline-start-form").GetByLabel("Frist", new() { Exact = true })).ToHaveValueAsync("GpClinic|Revurdering af kørselsforbud");

        var banned = DateTime.Now.AddDays(-170).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByTestId("deadline-start-form").GetByLabel("Løber fra", new() { Exact = true }).FillAsync(banned);
        await page.GetByTestId("deadline-start-form").GetByRole(AriaRole.Button, new() { Name = "Start fristen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("Fristen er startet.");
        var review = page.GetByTestId("deadline-row").Filter(new() { HasText = "Revurdering af kørselsforbud" });
        await Assertions.Expect(review).ToContainTextAsync("Kørekortbekendtgørelsen");
        await Assertions.Expect(review).ToHaveAttributeAsync("data-status", "DueSoon");

        await page.GetByTestId("deadline-row").Filter(new() { HasText = "Første opfølgningssamtale" }).GetByTestId("deadline-mark-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("Fristen er markeret som overholdt.");
        await Assertions.Expect(page.GetByTestId("deadline-row").Filter(new() { HasText = "Første opfølgningssamtale" }).GetByTestId("deadline-done")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, 375, "deadlines-page-after");
    }
}
