using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// The Tværindsats model for Preben's course, run by the clinician who coordinates it: treatment starts and the
/// model, taken into use on the course under way, proposes the meetings (each network meeting with its preparatory
/// conversation), the first is held with agenda, minutes and an agreement that becomes an
/// action in the plan, and the next meeting's minutes start with it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_coordinator_runs_the_tvaerindsats_meetings_and_agreements_flow_into_the_plan_and_the_next_minutes()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        await new CourseListPage(page).OpenAsync("Preben Demo-Nielsen");

        // Tværindsats follows the course (issue 17): its network meetings and their preparatory conversations are proposed
        // once treatment has started. Preben's demo course is still in assessment, so treatment starts first (the demo cases
        // are rewritten separately; a version that already has him in treatment needs no phase change).
        var course = new CourseDetailsPage(page);
        if ((await course.CurrentPhase.TextContentAsync())?.Trim() != "Behandling og tilbud")
        {
            await course.ChangePhaseAsync("Behandling og tilbud", "Behandlingen starter i traumeklinikken");
            await Assertions.Expect(course.CurrentPhase).ToHaveTextAsync("Behandling og tilbud");
        }

        await page.GetByTestId("open-meetings").ClickAsync();
        var courseId = page.Url.Split("/Courses/")[1].Split('/')[0];

        var calendar = new CourseCalendarPage(page);
        await calendar.ProposeAsync("Tværindsats (tre netværksmøder)");
        await Assertions.Expect(calendar.Status).ToContainTextAsync("møder er foreslået");
        // Issue 17: a preparatory conversation before each of the three network meetings.
        foreach (var title in new[] { "Forberedende samtale", "Forberedende samtale før netværksmøde 2", "Forberedende samtale før netværksmøde 3", "Netværksmøde 1", "Netværksmøde 2 (video)", "Netværksmøde 3 før udskrivning" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToHaveCountAsync(1);
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "meetings-calendar.png"), FullPage = true });

        // The preparatory conversation: held earlier today, written down now.
        var today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await calendar.OpenAsync("Forberedende samtale");
        var meeting = new MeetingPage(page);
        await meeting.ScheduleAsync(today, "00:00", "Traumeklinikken Odense, lokale 2");
        await Assertions.Expect(meeting.Status).ToHaveTextAsync("Tid og sted er gemt, og indkaldelsen er sendt.");
        await Assertions.Expect(meeting.MeetingStatus).ToHaveTextAsync("Indkaldt");

        await meeting.AddAgendaPointAsync("Hvad fylder mest lige nu: bolig, økonomi eller familie?");
        await meeting.ShareAgendaAsync();
        await Assertions.Expect(meeting.Status).ToHaveTextAsync("Dagsordenen er delt med deltagerne.");
        await Assertions.Expect(page.GetByTestId("agenda-shared")).ToBeVisibleAsync();

        await meeting.MarkHeldAsync();
        await Assertions.Expect(meeting.MeetingStatus).ToHaveTextAsync("Holdt");
        await meeting.WriteMinutesAsync("Boligen fylder mest. Preben sover dårligt.", "Vi talte om din bolig og din søvn.");
        await meeting.AddAgreementAsync("Kontakte boligsocialt team", "Mette Demo-Lindberg", DateTime.Now.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(meeting.Status).ToHaveTextAsync("Aftalen er gemt og sat ind i den fælles plan.");
        await Assertions.Expect(meeting.Agreements.First).ToContainTextAsync("Kontakte boligsocialt team");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "meeting-minutes.png"), FullPage = true });
        await meeting.ApproveMinutesAsync();
        await Assertions.Expect(page.GetByTestId("minutes-approved")).ToContainTextAsync("Mette Demo-Lindberg");

        // The agreement is an action in the shared plan.
        await meeting.Agreements.First.GetByRole(AriaRole.Link, new() { Name = "se i planen" }).ClickAsync();
        await Assertions.Expect(new PlanPage(page).Actions.Filter(new() { HasText = "Kontakte boligsocialt team" })).ToContainTextAsync("Mette Demo-Lindberg");

        // Network meeting 1 starts its minutes with the preparatory conversation's agreement.
        await page.GotoAsync(page.Url.Split("/plan")[0] + "/meetings");
        await calendar.OpenAsync("Netværksmøde 1");
        await meeting.ScheduleAsync(today, "00:30", "Jobcenter Odense");
        await Assertions.Expect(meeting.PreviousAgreements.First).ToContainTextAsync("Kontakte boligsocialt team");
        await Assertions.Expect(meeting.PreviousAgreements.First).ToContainTextAsync("Planlagt");
        await meeting.MarkHeldAsync();
        await Assertions.Expect(meeting.Minutes).ToHaveValueAsync(new Regex("Opfølgning på aftaler fra Forberedende samtale:\\s+- Kontakte boligsocialt team"));

        // The video meeting in the middle: Samspil finds the time across the participants' calendars.
        await page.GotoAsync(page.Url.Split("/Meetings")[0] + "/Courses/" + courseId + "/meetings");
        await calendar.OpenAsync("Netværksmøde 2 (video)");
        await meeting.FindTimesAsync("https://video.example.dk/preben");
        await Assertions.Expect(meeting.Slots.First).ToBeVisibleAsync();
        var chosen = (await meeting.Slots.First.Locator("strong").TextContentAsync())!;
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "meeting-find-time.png"), FullPage = true });
        await meeting.Slots.First.GetByRole(AriaRole.Button, new() { Name = "Vælg denne tid" }).ClickAsync();
        await Assertions.Expect(meeting.Status).ToHaveTextAsync("Tid og sted er gemt, og indkaldelsen er sendt.");
        await Assertions.Expect(page.GetByTestId("meeting-when")).ToContainTextAsync(chosen.Split(' ')[^1]);

        // Mine møder shows the coordinator the meeting still waiting for minutes.
        await PageChecks.FollowNavigationLinkAsync(page, "Mine møder");
        await Assertions.Expect(page.GetByTestId("my-meetings").Locator("tbody tr").Filter(new() { HasText = "Netværksmøde 1" })).ToContainTextAsync("Preben Demo-Nielsen");
    }
}
