using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>"A steering group gets its figures from Samspil": the dashboard with a chart, and its CSV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_manager_opens_Styringsdata_sees_a_chart_and_downloads_the_figures_as_CSV()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin.odense");
        var dashboard = new DashboardPage(page);
        await PageChecks.ShowNavigationLinkAsync(page, "Styringsdata"); // in the Administration menu (issue 21)
        await dashboard.NavLink.ClickAsync();
        await Assertions.Expect(dashboard.Heading).ToBeVisibleAsync();

        await dashboard.FilterAsync("Odense Kommune");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("municipality=[0-9a-f-]{36}"));

        // A server-drawn chart with a title and description for screen readers, and the same figures as a table.
        await Assertions.Expect(dashboard.PhaseChart).ToBeVisibleAsync();
        await Assertions.Expect(dashboard.PhaseChart.Locator("desc")).ToContainTextAsync("antal forløb i hver fase");
        Assert.True(await dashboard.PhaseChart.Locator("rect.bar").CountAsync() > 0);
        await Assertions.Expect(dashboard.Table("work-end").Locator("tr", new() { HasText = "Ordinært job" })).ToContainTextAsync("5");
        await Assertions.Expect(dashboard.Table("courses")).ToContainTextAsync("<5");
        // Admissions come from the screening store: the ten courses started over a year ago are counted.
        await Assertions.Expect(dashboard.Table("admissions").Locator("tr", new() { HasText = "Forløb startet for mindst 12 måneder siden" })).ToContainTextAsync("10");
        var courses = await dashboard.CoursesTile.TextContentAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard.png"), FullPage = true });

        var download = await dashboard.DownloadCsvAsync();
        Assert.StartsWith("styringsdata-", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Afsnit;Nøgletal;Værdi", lines[0]);
        Assert.Contains("Udtræk;Kommune;Odense Kommune", lines);
        Assert.Contains($"Forløb;Forløb i alt;{courses!.Trim()}", lines);
        Assert.Contains("Beskæftigelse ved afslutning;Ordinært job;5", lines);
    }

    [Fact]
    public async Task A_clinician_has_no_Styringsdata_and_the_clinics_manager_sees_its_figures()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.vejle");
        var dashboard = new DashboardPage(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await Assertions.Expect(dashboard.NavLink).ToHaveCountAsync(0);

        await page.GotoAsync("/Reports");
        await Assertions.Expect(dashboard.Heading).ToHaveCountAsync(0);

        // Issue 21: the head of the Odense trauma clinic (leder, not an administrator) has Styringsdata for her clinic.
        var manager = await fixture.NewPageAsync();
        await new LoginPage(manager).SignInAsync("leder.odense");
        var figures = new DashboardPage(manager);
        await figures.NavLink.ClickAsync();
        await Assertions.Expect(figures.Heading).ToBeVisibleAsync();
        await Assertions.Expect(figures.CoursesTile).ToBeVisibleAsync();
        Assert.Equal(["Traumeklinikken Odense"], (await manager.Locator("#organization option:not([value=''])").AllTextContentsAsync()).Select(t => t.Trim()));
        await PageChecks.CheckAsync(manager, 1280, "dashboard-manager");
        await manager.SetViewportSizeAsync(360, 844);
        await PageChecks.CheckAsync(manager, 360, "dashboard-manager");
    }
}
