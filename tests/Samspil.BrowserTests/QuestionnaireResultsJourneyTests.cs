using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.Infrastructure.Persistence;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 19 (d) on a phone: the clinician opens Preben's questionnaire results from his course page and sees his latest
/// WHO-5 score, its band and its trend (the demo seeds five weekly answers); the page passes axe-core at 360 px.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class QuestionnaireResultsJourneyTests(SecondBrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task The_clinician_sees_the_who5_score_and_its_trend_on_a_phone()
    {
        Guid courseId;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            courseId = await db.QuestionnaireResponses.Where(r => db.Citizens.Any(c => c.Id == r.CitizenId && c.GivenName == "Preben")).Select(r => r.CourseId).FirstAsync();
        }

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 780);
        await new LoginPage(page).SignInAsync("behandler.odense");
        await page.GotoAsync($"{fixture.BaseUrl}/Courses/{courseId}");
        await page.GetByTestId("open-questionnaire-results").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Spørgeskemaresultater");
        var who5 = page.GetByTestId("series-who-5");
        await Assertions.Expect(who5.GetByTestId("latest-score")).ToHaveTextAsync("60");
        await Assertions.Expect(who5.GetByTestId("latest-band")).ToContainTextAsync("God trivsel");
        await Assertions.Expect(who5.GetByTestId("latest-change")).ToContainTextAsync("+12");
        await Assertions.Expect(who5.Locator("svg[data-testid^='trend-'] circle")).ToHaveCountAsync(5);
        await who5.GetByText("Vis besvarelserne som tabel").ClickAsync();
        await Assertions.Expect(who5.GetByTestId("response-row")).ToHaveCountAsync(5);
        await PageChecks.CheckAsync(page, Phone, "questionnaire-results");
    }
}
