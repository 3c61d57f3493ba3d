using System.Globalization;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 17: Mariam's IPS consultant opens the caseload on a phone (360 px), goes to her course's work page and records a
/// job start; the job start and the first competitive job are shown. axe-core on the caseload and on the work page.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class WorkJourneyTests(SecondBrowserFixture fixture)
{
    [Fact]
    public async Task The_ips_consultant_records_a_job_start_on_a_phone_and_sees_the_first_competitive_job()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await new LoginPage(page).SignInAsync("ips.varde");
        await page.GotoAsync("/Work/Caseload");
        await Assertions.Expect(page.GetByTestId("caseload-table")).ToContainTextAsync("Mariam");
        await PageChecks.CheckAsync(page, 360, "ips-caseload");

        await page.GetByTestId("caseload-table").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Mariam") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ips-job-wishes")).ToContainTextAsync("køkken");
        await Assertions.Expect(page.GetByTestId("income-basis-current")).ToContainTextAsync("Kontanthjælp");

        // A bad number of hours comes back as a readable message, with what was typed kept.
        var today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var form = page.GetByTestId("job-start-form");
        await form.GetByLabel("Startdato").FillAsync(today);
        await form.GetByLabel("Arbejdsgiver").FillAsync("Varde Storkøkken (browser)");
        await form.GetByLabel("Timer om ugen").EvaluateAsync("e => { e.removeAttribute('max'); e.value = '90'; }");
        await form.GetByLabel("Type").SelectOptionAsync("OrdinaryJob");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem jobstart" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Timer om ugen skal være over 0 og højst 80.");
        await Assertions.Expect(page.GetByTestId("job-start-form").GetByLabel("Arbejdsgiver")).ToHaveValueAsync("Varde Storkøkken (browser)");

        await page.GetByTestId("job-start-form").GetByLabel("Timer om ugen").FillAsync("12");
        await page.GetByTestId("job-start-form").GetByRole(AriaRole.Button, new() { Name = "Gem jobstart" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ips-job-starts")).ToContainTextAsync("Varde Storkøkken (browser)");
        await Assertions.Expect(page.GetByTestId("ips-first-job")).ToContainTextAsync("dage efter forløbets start");
        await PageChecks.CheckAsync(page, 360, "ips-work-page");
    }
}
