using Microsoft.Playwright;

namespace Samspil.BrowserTests.Pages;

/// <summary>The analysis committee's ranked list of readmissions.</summary>
public sealed class RankingPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Genindlæggelser – liste til analyseudvalget", Level = 1 });

    public ILocator Entries => page.GetByTestId("ranking-entry");

    public async Task ShowAsync(string area, string code)
    {
        await page.GetByLabel("Område", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = area });
        await page.GetByLabel("Kode", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis liste" }).ClickAsync();
    }

    public Task OpenImportAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Indlæs indlæggelser" }).ClickAsync();
}

/// <summary>Uploading an admissions file and following its progress.</summary>
public sealed class ImportPage(IPage page)
{
    public ILocator Percent => page.GetByTestId("import-percent");

    public ILocator ProgressBar => page.GetByRole(AriaRole.Progressbar, new() { Name = "Fremskridt" });

    public ILocator Errors => page.GetByTestId("import-errors").Locator("tbody tr");

    public ILocator RowsInserted => page.GetByTestId("rows-inserted");

    public async Task UploadAsync(string fileName, byte[] content)
    {
        await page.GetByLabel("Fil med indlæggelser (CSV)").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Indlæs", Exact = true }).ClickAsync();
    }

    public Task OpenRankingAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Se listen til analyseudvalget" }).ClickAsync();
}

/// <summary>A course's analysis-meeting summaries.</summary>
public sealed class AnalysisSummariesPage(IPage page)
{
    public ILocator Summaries => page.GetByTestId("analysis-summary");

    public ILocator Status => page.GetByTestId("status-message");

    public async Task WriteAsync(string date, string participants, string why, string prevent, string better)
    {
        await page.GetByText("Ny opsummering").ClickAsync();
        var form = page.GetByTestId("new-summary");
        await form.GetByLabel("Dato for analysemødet").FillAsync(date);
        await form.GetByLabel("Deltagere").FillAsync(participants);
        await form.GetByLabel("Hvorfor blev borgeren indlagt sidst?").FillAsync(why);
        await form.GetByLabel("Hvad kunne forebygge den næste indlæggelse?").FillAsync(prevent);
        await form.GetByLabel("Hvad ville gøre det bedre for borgeren?").FillAsync(better);
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem opsummering" }).ClickAsync();
    }
}
