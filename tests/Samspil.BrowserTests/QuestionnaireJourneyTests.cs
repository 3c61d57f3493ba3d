using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Persistence;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 19 on a phone: the citizen answers WHO-5 (one question per fieldset, whole-row touch targets) on a 360 px wide
/// screen and then reads the result as a band and what it means in plain words. Every page passes axe-core and fits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuestionnaireJourneyTests(BrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task The_citizen_answers_WHO5_on_a_phone_and_sees_the_band_in_plain_words()
    {
        var assignmentId = await AssignWho5ToPrebenAsync();
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 780);
        await new LoginPage(page).SignInAsync("borger.preben");
        await Assertions.Expect(page.GetByTestId("home-questionnaires-link")).ToBeVisibleAsync();
        await page.GetByTestId("home-questionnaires-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("open-questionnaires")).ToContainTextAsync("WHO-5 Trivselsindeks");
        await PageChecks.CheckAsync(page, Phone, "questionnaires-mine");

        await page.GotoAsync($"/Me/Questionnaires/{assignmentId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("WHO-5 Trivselsindeks");
        await PageChecks.CheckAsync(page, Phone, "questionnaire-answer");

        // Sending with one question unanswered: the question is named, the other answers are kept.
        foreach (var item in new[] { "1", "2", "3", "4" })
        {
            await page.GetByTestId($"question-{item}").GetByLabel("Det meste af tiden").CheckAsync();
        }

        await page.GetByTestId("questionnaire-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Besvar venligst dette spørgsmål.");
        await Assertions.Expect(page.GetByTestId("question-1").GetByLabel("Det meste af tiden")).ToBeCheckedAsync();
        await PageChecks.CheckAsync(page, Phone, "questionnaire-answer-error");

        await page.GetByTestId("question-5").GetByLabel("Det meste af tiden").CheckAsync();
        await page.GetByTestId("questionnaire-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Tak. Dine svar er gemt.");
        var answered = page.GetByTestId("answered-questionnaires");
        await Assertions.Expect(answered.GetByTestId("score-band").First).ToHaveTextAsync("God trivsel");
        await Assertions.Expect(answered.GetByTestId("score-meaning").First).ToHaveTextAsync("Svarene tyder på, at du for det meste har haft det godt.");
        await PageChecks.CheckAsync(page, Phone, "questionnaires-answered");
    }

    /// <summary>WHO-5 assigned to Preben's course as his psychologist would (the API's path is covered by the integration tests).</summary>
    private async Task<Guid> AssignWho5ToPrebenAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        db.SystemSeeding = true;
        var citizenId = await db.Users.Where(u => u.UserName == "borger.preben").Select(u => u.CitizenId).SingleAsync();
        var course = await db.Courses.Where(c => c.CitizenId == citizenId).OrderByDescending(c => c.StartDate).FirstAsync();
        var who5 = await db.Instruments.Where(i => i.Key == "who-5").OrderByDescending(i => i.Version).FirstAsync();
        var assignment = QuestionnaireAssignment.Create(course.Id, course.CitizenId, who5, null, null, AssignmentOccasion.Assigned, "Vi taler om det på torsdag", null, new Actor(Guid.Empty, "Mette Demo-Lindberg"), DateTimeOffset.UtcNow);
        db.QuestionnaireAssignments.Add(assignment);
        await db.SaveChangesAsync();
        return assignment.Id;
    }
}
