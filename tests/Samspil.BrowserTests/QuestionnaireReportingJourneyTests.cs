using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Persistence;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 19: "the collaboration result of a network meeting appears on the dashboard suppressed below five answers".
/// The answers are the test's own, on a collaboration instrument of its own, written to the database and dated 2025.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuestionnaireReportingJourneyTests(BrowserFixture fixture)
{
    private const string Key = "browser-collaboration";
    private static readonly DateTimeOffset Meeting = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_network_meetings_collaboration_result_is_hidden_below_five_answers_and_shown_at_five_on_a_phone()
    {
        await AnswerAsync(CollaborationArea.Psychiatry, CollaborationArea.Employment, 4, 4, 5, 3);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await new LoginPage(page).SignInAsync("admin.odense");
        await page.GotoAsync("/Reports?from=2025-01-01&to=2025-12-31");
        await Assertions.Expect(new DashboardPage(page).Heading).ToBeVisibleAsync();

        var tie = page.GetByTestId($"collaboration-{Key}-ties").GetByTestId("tie-Psychiatry-Employment");
        await Assertions.Expect(tie.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Psykiatri – Beskæftigelse");
        await Assertions.Expect(tie.Locator("td").First).ToHaveTextAsync("<5");
        await Assertions.Expect(tie.GetByTestId("tie-mean")).ToHaveTextAsync("–");
        await Assertions.Expect(page.GetByTestId($"collaboration-{Key}-matrix").GetByTestId("matrix-Employment-Psychiatry")).ToHaveTextAsync("–");
        await PageChecks.CheckAsync(page, 360, "dashboard-collaboration-hidden");

        // A fifth answer, from the job centre's side about psychiatry: the same tie, now shown ((4+4+5+3+4)/5).
        await AnswerAsync(CollaborationArea.Employment, CollaborationArea.Psychiatry, 4);
        await page.ReloadAsync();
        await Assertions.Expect(tie.Locator("td").First).ToHaveTextAsync("5");
        await Assertions.Expect(tie.GetByTestId("tie-mean")).ToHaveTextAsync("4,0");
        await Assertions.Expect(page.GetByTestId($"collaboration-{Key}-matrix").GetByTestId("matrix-Employment-Psychiatry")).ToContainTextAsync("4,0");
        await PageChecks.CheckAsync(page, 360, "dashboard-collaboration-shown");
    }

    private async Task AnswerAsync(CollaborationArea from, CollaborationArea about, params int[] scores)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        db.SystemSeeding = true; // test data written straight to the database, as the demo seeder does
        var instrument = await db.Instruments.FirstOrDefaultAsync(i => i.Key == Key);
        if (instrument is null)
        {
            var item = new QuestionItem("a", QuestionItemType.Scale, LocalizedText.Of("Fælles mål", "Shared goals"), Required: true, MinValue: 1, MaxValue: 5);
            instrument = Instrument.Create(
                Key,
                1,
                InstrumentPurpose.Collaboration,
                InformationCategory.MeetingsAndMinutes,
                new QuestionnaireDefinition(LocalizedText.Of("Samarbejdet (browsertest)", "Collaboration (browser test)"), null, ["da", "en"], [item], new ScoringRules([new ScaleRule("total", LocalizedText.Of("Samlet", "Total"), ["a"], Primary: true)])),
                false,
                "Test",
                Meeting);
            db.Instruments.Add(instrument);
        }

        var odense = await db.Organizations.Where(o => o.Name == "Jobcenter Odense").Select(o => o.Id).SingleAsync();
        var course = await db.Courses.Where(c => c.MunicipalityOrganizationId == odense).OrderBy(c => c.Id).Select(c => new { c.Id, c.CitizenId }).FirstAsync();
        foreach (var score in scores)
        {
            db.QuestionnaireResponses.Add(QuestionnaireResponse.Complete(instrument, course.Id, course.CitizenId, null, [new("a", Number: score)], ResponseMode.Self, "da", new Actor(Guid.NewGuid(), "Test"), Meeting, from, about));
        }

        await db.SaveChangesAsync();
    }
}
