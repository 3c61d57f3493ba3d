using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 19, part e, on a phone: Preben's caseworker finds the collaboration questionnaire after the network meeting in
/// "Mine spørgeskemaer", rates the collaboration with psychiatry (skipping any other side), and reads the course's
/// "Samarbejdet i netværket", where fewer than 5 answers show no figure. Every page passes axe-core and fits 360 px.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class CollaborationJourneyTests(SecondBrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task The_caseworker_rates_the_collaboration_with_psychiatry_on_a_phone_and_the_course_page_hides_small_numbers()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 780);
        await new LoginPage(page).SignInAsync("sagsbehandler.odense");

        await page.GotoAsync("/Me/Collaboration");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine spørgeskemaer");
        await PageChecks.CheckAsync(page, Phone, "collaboration-mine");
        var link = page.GetByTestId("collaboration-mine").GetByRole(AriaRole.Link, new() { Name = "Netværksmøde om søvn og økonomi" });
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("No link to the questionnaire.");
        await link.ClickAsync();

        await Assertions.Expect(page.GetByTestId("collaboration-form")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, Phone, "collaboration-answer");
        var psychiatry = page.GetByTestId("tie-Psychiatry");
        foreach (var (item, value) in new[] { ("frequent", "4"), ("timely", "3"), ("accurate", "4"), ("problem-solving", "4"), ("shared-goals", "5"), ("shared-knowledge", "3"), ("mutual-respect", "5") })
        {
            await psychiatry.Locator($"input[name='Psychiatry.{item}'][value='{value}']").CheckAsync();
        }

        await psychiatry.GetByLabel("Hvad ville gøre samarbejdet med denne part bedre? (valgfrit)").FillAsync("Fælles telefontid om tirsdagen");
        await page.GetByTestId("collaboration-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Tak. Dine svar er gemt.");
        await Assertions.Expect(page.GetByTestId("collaboration-mine").GetByRole(AriaRole.Link, new() { Name = "Netværksmøde om søvn og økonomi" })).ToHaveCountAsync(0);

        // The course's results: the psychiatry–employment tie is there, its figures hidden below 5 answers.
        var courseUrl = href[..href.LastIndexOf('/')];
        await page.GotoAsync(courseUrl);
        var tie = page.GetByTestId("tie-Psychiatry-Employment");
        await Assertions.Expect(tie).ToBeVisibleAsync();
        await Assertions.Expect(tie.GetByTestId("row-All")).ToContainTextAsync("færre end 5 svar");
        await PageChecks.CheckAsync(page, Phone, "collaboration-results");
    }
}
