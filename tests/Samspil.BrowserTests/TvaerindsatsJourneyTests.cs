using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 17: a refugee's course run through Tværindsats as seed 001 tells it. The tovholder creates the course for a
/// citizen who needs an Arabic interpreter; when treatment starts the model proposes three network meetings, each with a
/// preparatory conversation before it (the citizen and the tovholder only). Each is held with the interpreter booked;
/// when treatment ends the handover is proposed and scheduled. An IPS job start is recorded on the course's work page
/// and the dashboard counts it. axe-core on the pages visited, the meeting and work pages also at 375 px.
/// The citizen's own meeting page (/Me/Meetings/{id}, saying who comes) gets axe-core at desktop and phone width.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class TvaerindsatsJourneyTests(SecondBrowserFixture fixture)
{
    private const string Citizen = "Amal Demo-Tværindsats";
    private const string Interpreter = "Samir Demo-Haddad";

    [Fact]
    public async Task A_refugees_course_runs_through_tvaerindsats_with_interpreters_to_the_handover_and_an_ips_job_start_reaches_the_dashboard()
    {
        var reachedBefore = await FirstJobsReachedAsync();

        // The tovholder (the clinic's psychologist) creates the course: assessment, started 120 days ago.
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Work$"));
        await PageChecks.FollowNavigationLinkAsync(page, "Opret forløb");
        await page.GetByLabel("CPR-nummer").FillAsync("210458-8917");
        await page.GetByLabel("Fornavn").FillAsync("Amal");
        await page.GetByLabel("Efternavn").FillAsync("Demo-Tværindsats");
        await page.GetByLabel("Foretrukket sprog").SelectOptionAsync(new SelectOptionValue { Label = "Arabisk" });
        await page.GetByLabel("Har brug for tolk").CheckAsync();
        await page.GetByLabel("Tolkesprog").SelectOptionAsync(new SelectOptionValue { Label = "Arabisk" });
        await page.GetByLabel("Målgruppe").SelectOptionAsync(new SelectOptionValue { Label = "Flygtninge med PTSD" });
        await page.GetByLabel("Fase").SelectOptionAsync(new SelectOptionValue { Label = "Udredning" });
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync(Iso(DateTime.Today.AddDays(-120)));
        await page.GetByLabel("Ansvarlig i regionen").SelectOptionAsync(new SelectOptionValue { Label = "Traumeklinikken Odense" });
        await page.GetByLabel("Ansvarlig i kommunen").SelectOptionAsync(new SelectOptionValue { Label = "Jobcenter Odense" });
        await page.GetByLabel("Rolle i samarbejdet").SelectOptionAsync(new SelectOptionValue { Label = "Tovholder" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret forløb" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Courses/[0-9a-f-]{36}$"));
        var courseUrl = new Uri(page.Url).AbsolutePath;
        var course = new CourseDetailsPage(page);

        // The network: the caseworker and the IPS consultant from the job centre.
        await course.StartAddingMemberAsync();
        await new AddMemberPage(page).AddProfessionalAsync("Birgitte Demo-Aagaard — Sagsbehandler, sygedagpenge og ressourceforløb", "Deltager");
        await Assertions.Expect(course.Status).ToContainTextAsync("Medlemmet er tilføjet netværket.");
        await course.StartAddingMemberAsync();
        await new AddMemberPage(page).AddProfessionalAsync("Kim Demo-Laursen — IPS-jobkonsulent", "IPS-jobkonsulent");
        await Assertions.Expect(course.ActiveMembers).ToHaveCountAsync(3);

        // Treatment starts: Tværindsats proposes its three network meetings, each with a preparatory conversation.
        await course.ChangePhaseAsync("Behandling og tilbud", "Behandlingen starter i traumeklinikken");
        await Assertions.Expect(course.CurrentPhase).ToHaveTextAsync("Behandling og tilbud");
        await page.GotoAsync(courseUrl + "/meetings");
        string[] preparatory = ["Forberedende samtale", "Forberedende samtale før netværksmøde 2", "Forberedende samtale før netværksmøde 3"];
        string[] network = ["Netværksmøde 1", "Netværksmøde 2 (video)", "Netværksmøde 3 før udskrivning"];
        foreach (var title in preparatory.Concat(network))
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Overleveringsmøde ved behandlingens afslutning", Exact = true })).ToHaveCountAsync(0);
        await PageChecks.CheckAsync(page, 1280, "tvaerindsats-calendar");

        // Each network meeting with its preparatory conversation before it, on past working days (so they can be held),
        // at a time inside the interpreter's working hours.
        var days = PastWorkingDays(6);
        var calendar = new CourseCalendarPage(page);
        var meeting = new MeetingPage(page);
        for (var i = 0; i < 3; i++)
        {
            // The preparatory conversation: the citizen and the tovholder only, and the interpreter.
            await page.GotoAsync(courseUrl + "/meetings");
            await calendar.OpenAsync(preparatory[i]);
            await meeting.ScheduleAsync(Iso(days[2 * i]), "14:10", "Traumeklinikken Odense, lokale 2");
            await Assertions.Expect(meeting.Status).ToHaveTextAsync("Tid og sted er gemt, og indkaldelsen er sendt.");
            await Assertions.Expect(page.GetByTestId("interpreter-booked")).ToContainTextAsync(Interpreter);
            var invited = page.GetByTestId("participants").Locator("tbody tr");
            await Assertions.Expect(invited).ToHaveCountAsync(2);
            await Assertions.Expect(invited.Filter(new() { HasText = "Mette Demo-Lindberg" })).ToHaveCountAsync(1);
            if (i == 0)
            {
                await PageChecks.CheckAsync(page, 1280, "tvaerindsats-preparatory");
                await page.SetViewportSizeAsync(375, 800);
                await PageChecks.CheckAsync(page, 375, "tvaerindsats-preparatory");
                await page.SetViewportSizeAsync(1280, 900);
            }

            await meeting.MarkHeldAsync();
            await Assertions.Expect(meeting.MeetingStatus).ToHaveTextAsync("Holdt");

            // The network meeting: the whole network, and the interpreter again.
            await page.GotoAsync(courseUrl + "/meetings");
            await calendar.OpenAsync(network[i]);
            await meeting.ScheduleAsync(Iso(days[(2 * i) + 1]), "14:10", "Jobcenter Odense, mødelokale 3");
            await Assertions.Expect(meeting.Status).ToHaveTextAsync("Tid og sted er gemt, og indkaldelsen er sendt.");
            await Assertions.Expect(page.GetByTestId("interpreter-booked")).ToContainTextAsync(Interpreter);
            await Assertions.Expect(page.GetByTestId("participants").Locator("tbody tr")).ToHaveCountAsync(4);
            await meeting.MarkHeldAsync();
            await Assertions.Expect(meeting.MeetingStatus).ToHaveTextAsync("Holdt");
            if (i == 0)
            {
                await meeting.WriteMinutesAsync("Amal vil gerne arbejde i et køkken. Jobcentret afklarer forsørgelsesgrundlaget.", "Vi talte om arbejde og om din økonomi.");
                await PageChecks.CheckAsync(page, 1280, "tvaerindsats-network-meeting");
            }
        }

        // Treatment ends: the handover is proposed from that day, and scheduled with the interpreter.
        await page.GotoAsync(courseUrl);
        await course.ChangePhaseAsync("Videre henvisning / afslutning", "Behandlingen er afsluttet");
        await Assertions.Expect(course.Status).ToContainTextAsync("Fasen er skiftet.");
        await page.GotoAsync(courseUrl + "/meetings");
        await Assertions.Expect(calendar.Meetings.Filter(new() { HasText = "Holdt" })).ToHaveCountAsync(6);
        await calendar.OpenAsync("Overleveringsmøde ved behandlingens afslutning");
        await meeting.ScheduleAsync(Iso(NextWorkingDay(DateTime.Today.AddDays(7))), "14:10", "Jobcenter Odense, mødelokale 3");
        await Assertions.Expect(meeting.MeetingStatus).ToHaveTextAsync("Indkaldt");
        await Assertions.Expect(page.GetByTestId("interpreter-booked")).ToContainTextAsync(Interpreter);

        // The job start is recorded on the course's work page, on a phone, by the tovholder (the IPS consultant at the job
        // centre needs the citizen's consent to read the course first; consent journeys are tested elsewhere).
        await page.SetViewportSizeAsync(375, 800);
        await page.GotoAsync(courseUrl + "/work");
        var form = page.GetByTestId("job-start-form");
        await form.GetByLabel("Startdato").FillAsync(Iso(DateTime.Today));
        await form.GetByLabel("Arbejdsgiver").FillAsync("Odense Storkøkken (browser)");
        await form.GetByLabel("Timer om ugen").FillAsync("15");
        await form.GetByLabel("Type").SelectOptionAsync("OrdinaryJob");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem jobstart" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ips-job-starts")).ToContainTextAsync("Odense Storkøkken (browser)");
        await Assertions.Expect(page.GetByTestId("ips-first-job")).ToContainTextAsync("120 dage efter forløbets start");
        await PageChecks.CheckAsync(page, 375, "tvaerindsats-work");

        // The dashboard counts one more course that reached its first ordinary job.
        Assert.Equal(reachedBefore + 1, await FirstJobsReachedAsync());
    }

    [Fact]
    public async Task The_citizens_page_for_saying_who_comes_passes_axe_on_a_desktop_and_a_phone()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("borger.preben");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync("/Me/Meetings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sig om du kommer" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Me/Meetings/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kommer du?", Level = 2 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, 1280, "my-meeting");
        await page.SetViewportSizeAsync(375, 800);
        await PageChecks.CheckAsync(page, 375, "my-meeting");
        Assert.Empty(await PageChecks.TooSmallTargetsAsync(page));
    }

    /// <summary>The dashboard's "reached" figure for days to the first ordinary job (the Odense administrator's view).</summary>
    private async Task<int> FirstJobsReachedAsync()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin.odense");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        // Over the courses started in the last 600 days (the demo's steering-group courses with their IPS jobs, and this one).
        await page.GotoAsync($"/Reports?From={Iso(DateTime.Today.AddDays(-600))}&To={Iso(DateTime.Today)}");
        var dashboard = new DashboardPage(page);
        await Assertions.Expect(dashboard.Heading).ToBeVisibleAsync();
        var row = dashboard.Table("first-job").Locator("tr", new() { HasText = "Nået" }).Locator("td").Last;
        var text = (await row.TextContentAsync())!.Trim();
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
        Assert.True(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var reached), $"the dashboard shows \"{text}\" courses that reached a first ordinary job");
        return reached;
    }

    private static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime NextWorkingDay(DateTime day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The <paramref name="count"/> working days (Monday to Friday) before today, oldest first.</summary>
    private static List<DateTime> PastWorkingDays(int count)
    {
        var days = new List<DateTime>();
        for (var day = DateTime.Today.AddDays(-1); days.Count < count; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Insert(0, day);
            }
        }

        return days;
    }
}
