using System.Text;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18: the trauma clinic's administrator imports offerings from a spreadsheet on a phone-width screen: the file
/// is checked first (counts and a row-level error report), then imported; axe-core on each step.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class OfferingImportJourneyTests(SecondBrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_checks_a_CSV_file_sees_the_row_error_and_imports_the_valid_row()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await new LoginPage(page).SignInAsync("admin.traume");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        await page.GotoAsync("/Admin/Offerings/Import");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importér tilbud", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, 360, "offerings-import");

        var id = Guid.NewGuid().ToString("N");
        var csv = "organization_name;external_id;name;description;opening_hours\n"
            + $"Traumeklinikken Odense;browser-{id}-1;Åben samtale;Samtale uden tid;MO,TU 09:00-15:00\n"
            + $"Traumeklinikken Odense;browser-{id}-2;Sen samtale;Forkert tid;MO 25:00-26:00\n";
        await page.GetByLabel("Fil (JSON eller CSV, højst 10 MB)").SetInputFilesAsync(new FilePayload { Name = "tilbud.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tjek filen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("offering-import-counts")).ToHaveTextAsync("1 nye, 0 ændrede, 0 uændrede, 1 med fejl.");
        await Assertions.Expect(page.GetByTestId("offering-import-errors")).ToContainTextAsync("opening_hours");
        await PageChecks.CheckAsync(page, 360, "offerings-import-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Importér", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Importeret");
        await Assertions.Expect(page.GetByTestId("offering-import-counts")).ToHaveTextAsync("1 nye, 0 ændrede, 0 uændrede, 1 med fejl.");
        await PageChecks.CheckAsync(page, 360, "offerings-import-done");
    }
}
