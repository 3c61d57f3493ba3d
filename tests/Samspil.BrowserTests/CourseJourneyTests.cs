using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CourseJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_clinician_signs_in_opens_a_course_and_adds_a_relative_to_the_network()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");

        var list = new CourseListPage(page);
        await Assertions.Expect(list.Heading).ToBeVisibleAsync();
        Assert.True(await list.Rows.CountAsync() >= 5, "the demo psychologist is in several networks");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Mette Demo-Lindberg");

        var firstCitizen = (await list.Rows.First.Locator("a").First.TextContentAsync())!.Trim();
        await list.OpenAsync(firstCitizen);
        var course = new CourseDetailsPage(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(firstCitizen);
        await Assertions.Expect(course.NetworkMap).ToBeVisibleAsync();
        var membersBefore = await course.MapMembers.CountAsync();
        Assert.True(membersBefore >= 2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "course-before.png"), FullPage = true });

        await course.StartAddingMemberAsync();
        await new AddMemberPage(page).AddPersonAsync("Pårørende", "Yasmin Demo-Søster", "søster", "Stedfortræder for borgeren", citizenAgreed: true);

        await Assertions.Expect(course.Status).ToContainTextAsync("Medlemmet er tilføjet netværket.");
        await Assertions.Expect(course.ActiveMembers.Filter(new() { HasText = "Yasmin Demo-Søster" })).ToContainTextAsync("Stedfortræder for borgeren");
        await Assertions.Expect(course.MapMembers).ToHaveCountAsync(membersBefore + 1);
        await Assertions.Expect(page.GetByTestId("map-group").Filter(new() { HasText = "Pårørende og venner" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "course-after-add.png"), FullPage = true });
    }

    [Fact]
    public async Task Without_the_citizens_agreement_nobody_is_added_and_the_reason_is_shown_in_Danish()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        await list.OpenAsync((await list.Rows.Nth(1).Locator("a").First.TextContentAsync())!.Trim());
        var course = new CourseDetailsPage(page);
        var before = await course.ActiveMembers.CountAsync();

        await course.StartAddingMemberAsync();
        await new AddMemberPage(page).AddPersonAsync("Ven", "Uden Accept", "nabo", "Deltager", citizenAgreed: false);

        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Uden borgerens accept kan personen ikke tilføjes");
        await Assertions.Expect(page.GetByLabel("Navn (pårørende, ven, frivillig, peer)")).ToHaveValueAsync("Uden Accept");
        await page.GetByRole(AriaRole.Link, new() { Name = "Annullér" }).ClickAsync();
        await Assertions.Expect(course.ActiveMembers).ToHaveCountAsync(before);
    }

    [Fact]
    public async Task A_caseworker_creates_a_citizen_and_course_then_moves_it_to_treatment_and_adds_a_colleague()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("sagsbehandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await PageChecks.FollowNavigationLinkAsync(page, "Opret forløb");

        await page.GetByLabel("CPR-nummer").FillAsync("150358-8777");
        await page.GetByLabel("Fornavn").FillAsync("Nour");
        await page.GetByLabel("Efternavn").FillAsync("Demo-Browsertest");
        await page.GetByLabel("Foretrukket sprog").SelectOptionAsync(new SelectOptionValue { Label = "Arabisk" });
        await page.GetByLabel("Har brug for tolk").CheckAsync();
        await page.GetByLabel("Tolkesprog").SelectOptionAsync(new SelectOptionValue { Label = "Arabisk" });
        await page.GetByLabel("Målgruppe").SelectOptionAsync(new SelectOptionValue { Label = "Flygtninge med PTSD" });
        await page.GetByLabel("Fase").SelectOptionAsync(new SelectOptionValue { Label = "Udredning" });
        await page.GetByLabel("Ansvarlig i regionen").SelectOptionAsync(new SelectOptionValue { Label = "Traumeklinikken Odense" });
        await page.GetByLabel("Ansvarlig i kommunen").SelectOptionAsync(new SelectOptionValue { Label = "Jobcenter Odense" });
        await page.GetByLabel("Rolle i samarbejdet").SelectOptionAsync(new SelectOptionValue { Label = "Tovholder" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret forløb" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Courses/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Nour Demo-Browsertest");
        var course = new CourseDetailsPage(page);
        await Assertions.Expect(course.CurrentPhase).ToHaveTextAsync("Udredning");

        await course.ChangePhaseAsync("Behandling og tilbud", "Behandlingen starter i traumeklinikken");
        await Assertions.Expect(course.Status).ToContainTextAsync("Fasen er skiftet.");
        await Assertions.Expect(course.CurrentPhase).ToHaveTextAsync("Behandling og tilbud");
        await Assertions.Expect(page.GetByTestId("phase-history")).ToContainTextAsync("Behandlingen starter i traumeklinikken");

        await course.StartAddingMemberAsync();
        await new AddMemberPage(page).AddProfessionalAsync("Mette Demo-Lindberg — Psykolog, Traumeklinikken Odense", "Mødeleder");
        await Assertions.Expect(course.ActiveMembers.Filter(new() { HasText = "Mette Demo-Lindberg" })).ToContainTextAsync("Traumeklinikken Odense");
        await Assertions.Expect(course.ActiveMembers.Filter(new() { HasText = "Mette Demo-Lindberg" })).ToContainTextAsync("Kan beslutte behandlingsplan");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "created-course.png"), FullPage = true });

        // The new course is in the caseworker's list and is found by its exact CPR number.
        await PageChecks.FollowNavigationLinkAsync(page, "Mine forløb");
        var list = new CourseListPage(page);
        await list.SearchAsync("1503588777");
        await Assertions.Expect(list.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(list.Rows.First).ToContainTextAsync("Nour Demo-Browsertest");
        Assert.DoesNotContain("1503588777", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_course_input_is_explained_in_Danish_and_nothing_is_created()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("sagsbehandler.vejle");
        await page.GotoAsync("/Courses/Create");
        await page.GetByLabel("CPR-nummer").FillAsync("320158-5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret forløb" }).ClickAsync();

        var errors = page.GetByTestId("form-errors");
        await Assertions.Expect(errors).ToContainTextAsync("CPR-nummeret indeholder ikke en gyldig fødselsdato.");
        await Assertions.Expect(errors).ToContainTextAsync("Vælg en målgruppe.");
        await Assertions.Expect(page.GetByLabel("CPR-nummer")).ToHaveValueAsync("320158-5000");
    }

    [Fact]
    public async Task A_professional_ends_a_membership_and_the_history_keeps_it()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        await list.OpenAsync((await list.Rows.Nth(2).Locator("a").First.TextContentAsync())!.Trim());
        var course = new CourseDetailsPage(page);
        var other = course.ActiveMembers.Filter(new() { HasNotText = "Mette Demo-Lindberg" }).First;
        var name = (await other.Locator("strong").First.TextContentAsync())!.Trim();

        await other.GetByText("Udtræd", new() { Exact = true }).ClickAsync();
        await other.GetByLabel("Årsag (valgfri)").FillAsync("Skiftet sagsbehandler");
        await other.GetByRole(AriaRole.Button, new() { Name = "Gem udtrædelse" }).ClickAsync();

        await Assertions.Expect(course.Status).ToContainTextAsync("Medlemmet er udtrådt");
        await Assertions.Expect(course.History).ToContainTextAsync(name);
        await Assertions.Expect(course.History).ToContainTextAsync("Skiftet sagsbehandler");
    }
}
