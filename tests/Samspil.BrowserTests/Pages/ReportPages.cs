using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>"Styringsdata": the steering group's dashboard.</summary>
public sealed class DashboardPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Styringsdata", Level = 1 });

    public ILocator NavLink => page.GetByRole(AriaRole.Link, new() { Name = "Styringsdata" });

    public ILocator PhaseChart => page.GetByRole(AriaRole.Img, new() { Name = "Forløb pr. fase" });

    public ILocator CoursesTile => page.GetByTestId("tile-courses");

    public ILocator Table(string id) => page.GetByTestId("figures-" + id);

    public async Task FilterAsync(string municipality)
    {
        await page.GetByLabel("Kommune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = municipality });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis tal" }).ClickAsync();
    }

    public Task<IDownload> DownloadCsvAsync() =>
        page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Hent CSV" }).ClickAsync());
}
