using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// The README's demo tour, as a newcomer takes it, on a desktop screen and on a phone: the clinician's
/// course, plan and meetings; the citizen's plan and who has read his data; the caseworker's list; the
/// steering data. Every page passes axe-core, and on the phone no page is wider than the screen.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class DemoTourTests(SecondBrowserFixture fixture)
{
    private const string Preben = "Preben Demo-Nielsen";

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_newcomer_takes_the_demo_tour_from_the_README(int width)
    {
        // 1. The clinician opens Preben's course: phase, network, consent.
        var page = await SignInAsync("behandler.odense", width);
        await FollowAsync(page, "Mine forløb");
        await Assertions.Expect(new CourseListPage(page).Heading).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "tour-course-list");
        await new CourseListPage(page).OpenAsync(Preben);
        var course = new CourseDetailsPage(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Preben, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(course.CurrentPhase).Not.ToBeEmptyAsync();
        await Assertions.Expect(course.ActiveMembers.Filter(new() { HasText = "Mette Demo-Lindberg" })).ToHaveCountAsync(1);
        await Assertions.Expect(course.ActiveMembers.Filter(new() { HasText = "Birgitte Demo-Aagaard" })).ToHaveCountAsync(1);
        var consent = page.GetByTestId("consent-card");
        await Assertions.Expect(consent.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Samtykke (Gælder nu|⚠ Udløber snart)\s*$"));
        await Assertions.Expect(consent.GetByTestId("consent-list")).ToContainTextAsync("Birgitte Demo-Aagaard");
        await PageChecks.CheckAsync(page, width, "tour-course");

        // 2. The shared plan (goals, actions) and the meetings: one held with approved minutes, one coming up.
        await page.GetByTestId("open-plan").ClickAsync();
        var plan = new PlanPage(page);
        await Assertions.Expect(page.GetByTestId("goal").First).ToBeVisibleAsync();
        await Assertions.Expect(plan.Actions.First).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "tour-plan");

        await page.GotoAsync(page.Url.Split("/plan")[0]);
        await page.GetByTestId("open-meetings").ClickAsync();
        var calendar = new CourseCalendarPage(page);
        await Assertions.Expect(calendar.Meetings.Filter(new() { HasText = "Netværksmøde om søvn og økonomi" })).ToContainTextAsync("Holdt");
        await Assertions.Expect(calendar.Meetings.Filter(new() { HasText = "Opfølgende netværksmøde" })).ToContainTextAsync("Indkaldt");
        await PageChecks.CheckAsync(page, width, "tour-meetings");

        await calendar.OpenAsync("Netværksmøde om søvn og økonomi");
        await Assertions.Expect(new MeetingPage(page).MeetingStatus).ToHaveTextAsync("Holdt");
        await Assertions.Expect(page.GetByTestId("minutes-approved")).ToContainTextAsync("Mette Demo-Lindberg");
        await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync("Psykolog, Traumeklinikken Odense");
        await Assertions.Expect(page.GetByTestId("participants")).Not.ToContainTextAsync("Traumeklinikken Odense, Traumeklinikken Odense");
        await PageChecks.CheckAsync(page, width, "tour-meeting-held");
        await page.GoBackAsync();
        await calendar.OpenAsync("Opfølgende netværksmøde");
        await Assertions.Expect(new MeetingPage(page).MeetingStatus).ToHaveTextAsync("Indkaldt");
        await PageChecks.CheckAsync(page, width, "tour-meeting-upcoming");

        // 3. Preben: his plan, and who has read his data (the clinician, just now).
        page = await SignInAsync("borger.preben", width);
        await FollowAsync(page, "Min plan");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Min plan", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.OpenMenuAsync(page); // folded on a phone, and a folded link is not in the accessibility tree
        await Assertions.Expect(Menu(page, "Min plan")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Menu(page, "Forside")).Not.ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByTestId("my-goal").First).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "tour-my-plan");
        await FollowAsync(page, "Hvem har set mine oplysninger");
        await Assertions.Expect(page.GetByTestId("access-log-groups")).ToContainTextAsync("Mette Demo-Lindberg");
        await PageChecks.CheckAsync(page, width, "tour-access-log");

        // 4. The caseworker at Jobcenter Odense: Preben consented to her, so he is on her list by name;
        //    Yusuf (Odense, no consent yet) is not shown by name.
        page = await SignInAsync("sagsbehandler.odense", width);
        await FollowAsync(page, "Mine forløb");
        var list = page.GetByTestId("course-list");
        await Assertions.Expect(list).ToContainTextAsync(Preben);
        await Assertions.Expect(list).Not.ToContainTextAsync("Yusuf Demo-Rahimi");
        await PageChecks.CheckAsync(page, width, "tour-caseworker-list");

        // 5. The municipality's administrator: the steering data.
        page = await SignInAsync("admin.odense", width);
        await FollowAsync(page, "Styringsdata");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Styringsdata", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("tile-courses")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "tour-steering-data");
    }

    private async Task<IPage> SignInAsync(string userName, int width)
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(width, width < 600 ? 844 : 900);
        await new LoginPage(page).SignInAsync(userName);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Menu(IPage page, string label) => PageChecks.NavigationLink(page, label);

    /// <summary>Opens the menu (folded on a phone) and follows one of its links.</summary>
    private static async Task FollowAsync(IPage page, string label)
    {
        await PageChecks.FollowNavigationLinkAsync(page, label);
    }
}
