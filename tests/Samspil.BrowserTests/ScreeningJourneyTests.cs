using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.Domain.Citizens;
using Samspil.Features.Screening;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 7, "an analysis committee can get its list from Samspil": the region's administrator uploads
/// the admissions extract (one row is broken), watches the progress bar reach 100 %, reads the error
/// report, opens the ranked list and follows the link to the course of a citizen on it — Preben, whose
/// person key is the HMAC of his demo CPR number — and writes the analysis meeting's summary there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreeningJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_analysis_committee_imports_admissions_gets_its_list_and_follows_a_citizen_to_the_course()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var preben = fixture.Services.GetRequiredService<PersonKeys>().KeyOf(CprNumber.Parse("0101585000", today))!;
        var csv = new StringBuilder("personnoegle;kommunekode;regionskode;indlaeggelse_start;indlaeggelse_slut;akut;afdeling\n");
        for (var i = 0; i < 5; i++)
        {
            var day = today.AddDays(-150 + (i * 25));
            csv.Append(CultureInfo.InvariantCulture, $"{preben};998;9998;{day:yyyy-MM-dd} 10:00;{day.AddDays(2):yyyy-MM-dd} 19:30;ja;Psykiatrisk Akutmodtagelse (test)\n");
            if (i == 1)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{preben};998;9998;{day:yyyy-MM-dd} 12:00;i morgen;ja;Psykiatrisk Akutmodtagelse (test)\n"); // row 4
            }
        }

        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin.region");
        await PageChecks.ShowNavigationLinkAsync(page, "Genindlæggelser"); // in the Forløb menu (issue 21)
        await page.GetByTestId("nav-screening").ClickAsync();
        var ranking = new RankingPage(page);
        await Assertions.Expect(ranking.Heading).ToBeVisibleAsync();
        await ranking.OpenImportAsync();

        var import = new ImportPage(page);
        await import.UploadAsync("indlaeggelser-region.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        await Assertions.Expect(import.Percent).ToHaveTextAsync("100 %");
        await Assertions.Expect(import.ProgressBar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Assertions.Expect(import.RowsInserted).ToHaveTextAsync("5");
        await Assertions.Expect(import.Errors).ToHaveCountAsync(1);
        await Assertions.Expect(import.Errors.First).ToContainTextAsync("4");
        await Assertions.Expect(import.Errors.First).ToContainTextAsync("admission_end");
        await Assertions.Expect(import.Errors.First).ToContainTextAsync("Tidspunktet kan ikke læses");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "screening-import.png"), FullPage = true });

        await import.OpenRankingAsync();
        await ranking.ShowAsync("Kommune", "998");
        var entry = ranking.Entries.Filter(new() { HasText = "Preben Demo-Nielsen" });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry).ToContainTextAsync("4+");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "screening-ranking.png"), FullPage = true });

        await entry.GetByRole(AriaRole.Link, new() { Name = "Preben Demo-Nielsen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preben Demo-Nielsen", Level = 1 })).ToBeVisibleAsync();

        await page.GetByTestId("open-analysis").ClickAsync();
        var summaries = new AnalysisSummariesPage(page);
        await summaries.WriteAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Analyseudvalget, Region Syddanmark", "Udskrevet en fredag aften uden aftaler.", "En aftale om opfølgning dagen efter udskrivning.", "At vide, hvem han kan ringe til om natten.");
        await Assertions.Expect(summaries.Status).ToHaveTextAsync("Opsummeringen er gemt.");
        await Assertions.Expect(summaries.Summaries.First).ToContainTextAsync("Udskrevet en fredag aften uden aftaler.");
    }
}
