using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// The shared plan end to end: the Vejle caseworker (on Abby's network, with Abby's consent to
/// Jobcenter Vejle) builds the plan, prints the aftaleskema, and Abby reads it in plain Danish.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlanJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_caseworker_builds_the_plan_the_aftaleskema_prints_on_one_page_and_the_citizen_reads_it()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("sagsbehandler.vejle");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        await new CourseListPage(page).OpenAsync("Abby Demo-Jensen");
        await page.GetByTestId("open-plan").ClickAsync();
        var plan = new PlanPage(page);
        await Assertions.Expect(plan.Heading).ToContainTextAsync("Fælles plan: Abby Demo-Jensen");

        await plan.AddGoalAsync("Komme i praktik i en butik", "Jeg vil gerne arbejde med mennesker igen", "Sove bedre", "Tage bussen alene", "Praktik 10 timer om ugen");
        await Assertions.Expect(plan.Status).ToHaveTextAsync("Planen er gemt.");
        await Assertions.Expect(plan.SubGoals("Komme i praktik")).ToHaveTextAsync([new Regex("Sove bedre"), new Regex("Tage bussen alene"), new Regex("Praktik 10 timer")]);

        // The order is the priority: the citizen wants the bus first.
        await plan.MoveSubGoalUpAsync("Tage bussen alene");
        await Assertions.Expect(plan.SubGoals("Komme i praktik")).ToHaveTextAsync([new Regex("Tage bussen alene"), new Regex("Sove bedre"), new Regex("Praktik 10 timer")]);

        await plan.AddChallengeAsync("Økonomi og forsørgelse", "Usikker på sygedagpengene efter 22 uger");
        await Assertions.Expect(plan.Challenges.Filter(new() { HasText = "sygedagpengene" })).ToHaveCountAsync(1);

        await plan.AddActionAsync("Finde praktiksted sammen med Abby", "Komme i praktik i en butik", "Tina Demo-Eriksen", "2026-12-15");
        await Assertions.Expect(plan.Status).ToHaveTextAsync("Planen er gemt.");
        await plan.AddActionAsync("Prøve at tage bussen til jobcentret", "Komme i praktik i en butik", "borgeren selv", "2026-12-01");
        var owned = plan.Actions.Filter(new() { HasText = "Finde praktiksted" });
        await Assertions.Expect(owned).ToContainTextAsync("Tina Demo-Eriksen");
        await Assertions.Expect(owned).ToContainTextAsync("Kommune");
        await Assertions.Expect(owned).ToContainTextAsync("Mandat");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "plan-caseworker.png"), FullPage = true });

        // Mine opgaver lists the caseworker's action.
        await PageChecks.FollowNavigationLinkAsync(page, "Mine opgaver");
        await Assertions.Expect(page.GetByTestId("my-tasks").Locator("tbody tr").Filter(new() { HasText = "Finde praktiksted" })).ToContainTextAsync("Abby Demo-Jensen");
        await page.GoBackAsync();

        // The aftaleskema: challenges → goals → actions, one A4 page in Chromium's own print.
        await plan.OpenAgreementAsync();
        var sheet = page.GetByTestId("aftaleskema");
        await Assertions.Expect(sheet).ToContainTextAsync("Komme i praktik i en butik");
        await Assertions.Expect(sheet).ToContainTextAsync("Usikker på sygedagpengene");
        await Assertions.Expect(sheet).ToContainTextAsync("Finde praktiksted sammen med Abby");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "aftaleskema.pdf") });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        Assert.Equal(1, PdfPages().Count(Encoding.Latin1.GetString(pdf)));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Abby signs in and reads her plan in plain words.
        var citizen = await fixture.NewPageAsync();
        await new LoginPage(citizen).SignInAsync("borger.abby");
        var mine = new CitizenPlanPage(citizen);
        await mine.OpenAsync();
        await Assertions.Expect(mine.Root).ToBeVisibleAsync();
        await Assertions.Expect(citizen.GetByRole(AriaRole.Heading, new() { Name = "Min plan", Level = 1 })).ToBeVisibleAsync();
        var goal = mine.Goals.Filter(new() { HasText = "Komme i praktik i en butik" });
        await Assertions.Expect(goal).ToContainTextAsync("0 af 3 delmål nået");
        await Assertions.Expect(goal.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "0");
        await Assertions.Expect(mine.MyActions.First).ToContainTextAsync("Prøve at tage bussen til jobcentret");
        await Assertions.Expect(mine.OthersActions.First).ToContainTextAsync("Tina Demo-Eriksen");
        await Assertions.Expect(mine.OthersActions.First).ToContainTextAsync("skal Finde praktiksted sammen med Abby");
        await Assertions.Expect(mine.OthersActions.First).ToContainTextAsync("Ikke begyndt endnu.");
        await Assertions.Expect(citizen.GetByRole(AriaRole.Link, new() { Name = "Hvad betyder ordene?" })).ToBeVisibleAsync();

        await mine.RateAsync("Komme i praktik i en butik", "4 – Godt");
        await Assertions.Expect(citizen.GetByTestId("status-message")).ToHaveTextAsync("Planen er gemt.");
        await Assertions.Expect(citizen.GetByTestId("rating-chart")).ToBeVisibleAsync();
        await Assertions.Expect(goal).ToContainTextAsync("4/5");
        await citizen.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "plan-citizen.png"), FullPage = true });

        // The citizen did her part.
        await mine.MyActions.First.GetByRole(AriaRole.Button, new() { Name = "Jeg har gjort det" }).ClickAsync();
        await Assertions.Expect(mine.MyActions.First).ToContainTextAsync("Klaret");
    }

    [Fact]
    public async Task When_two_people_edit_at_once_the_second_sees_what_changed_and_keeps_what_they_typed()
    {
        var first = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        // The same caseworker in two browser sessions (two tabs, or a colleague at the same login).
        await new LoginPage(first).SignInAsync("sagsbehandler.vejle");
        await new LoginPage(second).SignInAsync("sagsbehandler.vejle");
        await Assertions.Expect(first).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await first.GotoAsync("/Courses");
        await new CourseListPage(first).OpenAsync("Abby Demo-Jensen");
        var url = first.Url + "/plan";
        await first.GotoAsync(url);
        await second.GotoAsync(url);

        await new PlanPage(first).AddChallengeAsync("Bolig", "Skal flytte fra krisecentret");
        await Assertions.Expect(new PlanPage(first).Status).ToHaveTextAsync("Planen er gemt.");

        var late = new PlanPage(second);
        await late.AddChallengeAsync("Familie", "Børnene skal i ny skole");
        await Assertions.Expect(late.Conflict).ToBeVisibleAsync();
        await Assertions.Expect(late.Conflict).ToContainTextAsync("Skal flytte fra krisecentret");
        await Assertions.Expect(late.Errors).ToContainTextAsync("Din ændring er ikke gemt");
        await Assertions.Expect(late.NewChallengeText).ToHaveValueAsync("Børnene skal i ny skole");
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "plan-conflict.png"), FullPage = true });

        // Saving again, now against the current version, keeps both.
        await second.Locator("#add-challenge").GetByRole(AriaRole.Button, new() { Name = "Tilføj udfordring" }).ClickAsync();
        await Assertions.Expect(late.Status).ToHaveTextAsync("Planen er gemt.");
        await Assertions.Expect(late.Challenges.Filter(new() { HasText = "krisecentret" })).ToHaveCountAsync(1);
        await Assertions.Expect(late.Challenges.Filter(new() { HasText = "ny skole" })).ToHaveCountAsync(1);

        await second.GetByRole(AriaRole.Link, new() { Name = "Historik" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("plan-diff")).ToContainTextAsync("Børnene skal i ny skole");
    }

    /// <summary>One page object per page in the PDF ("/Type /Page", not "/Type /Pages").</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPages();
}
