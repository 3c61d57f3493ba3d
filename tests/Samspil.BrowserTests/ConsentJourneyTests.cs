using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Consent from both sides. The demo data (DemoDataSeeder.SeedConsents) gives Preben (Odense),
/// Louise (Kolding) and Abby (Vejle) a login and a signed consent naming the job centre of their
/// municipality; the caseworker there sees their course only through that consent. Courses of every
/// sixth citizen (i % 6 == 5) have no consent; those outside Odense belong to Traumeklinikken Vejle.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentJourneyTests(BrowserFixture fixture)
{
    private static readonly byte[] SignedPdf = "%PDF-1.4\n% Samspil browser test: underskrevet samtykkeerklaering\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_caseworker_on_a_network_without_consent_sees_only_that_consent_is_missing()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("sagsbehandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        var overview = page.GetByTestId("network-without-access");
        await Assertions.Expect(overview).ToBeVisibleAsync();
        await Assertions.Expect(overview.GetByRole(AriaRole.Heading, new() { Name = "Netværk, hvor du endnu ikke har adgang" })).ToBeVisibleAsync();
        // The citizen's name belongs to the citizen (ADR 0013): without consent the overview shows the CPR number
        // the network already holds and the consent situation, and links to nothing more.
        await Assertions.Expect(overview.Locator("li").First).ToContainTextAsync("Intet samtykke");
        await Assertions.Expect(overview.Locator("li").First).Not.ToContainTextAsync("Demo-");
        await Assertions.Expect(overview.Locator("a")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-without-access.png"), FullPage = true });
    }

    [Fact]
    public async Task The_citizen_revokes_a_consent_and_the_professionals_next_page_load_no_longer_shows_the_course()
    {
        // The job-centre caseworker in Odense sees Preben's course only because Preben consented.
        var professional = await fixture.NewPageAsync();
        await new LoginPage(professional).SignInAsync("sagsbehandler.odense");
        await Assertions.Expect(professional).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await professional.GotoAsync("/Courses");
        var list = new CourseListPage(professional);
        await Assertions.Expect(list.Rows.Filter(new() { HasText = "Preben Demo-Nielsen" })).ToHaveCountAsync(1);
        await list.OpenAsync("Preben Demo-Nielsen");
        await Assertions.Expect(professional.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Preben Demo-Nielsen");
        await Assertions.Expect(new CourseConsentCard(professional).State).ToHaveTextAsync("Gælder nu");
        await Assertions.Expect(new CourseDetailsPage(professional).NetworkMap).ToBeVisibleAsync();

        // Preben, in his own browser, withdraws the consent.
        var citizen = await fixture.NewPageAsync();
        await new LoginPage(citizen).SignInAsync("borger.preben");
        var consents = new MyConsentsPage(citizen);
        await consents.OpenAsync();
        await Assertions.Expect(consents.Heading).ToBeVisibleAsync();
        await Assertions.Expect(consents.Current).ToHaveCountAsync(1);
        await Assertions.Expect(consents.Current.First).ToContainTextAsync("Jobcenter Odense");
        await Screenshot(citizen, "my-consents.png");
        await consents.RevokeAsync(consents.Current.First);

        await Assertions.Expect(consents.Status).ToContainTextAsync("Samtykket er tilbagekaldt");
        await Assertions.Expect(consents.Current).ToHaveCountAsync(0);
        await Assertions.Expect(consents.Earlier.First).ToContainTextAsync("Tilbagekaldt");
        await Screenshot(citizen, "my-consents-after-revoke.png");

        // The caseworker's very next page load: the course is gone, and reads as "not found".
        var response = await professional.ReloadAsync();
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(professional.GetByRole(AriaRole.Heading, new() { Name = "Siden findes ikke", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(professional.GetByText("Preben Demo-Nielsen")).ToHaveCountAsync(0);

        await professional.GotoAsync("/Courses");
        await Assertions.Expect(list.Heading).ToBeVisibleAsync();
        await Assertions.Expect(list.Rows.Filter(new() { HasText = "Preben Demo-Nielsen" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_professional_registers_a_signed_consent_form_and_the_warning_disappears_while_a_fake_pdf_is_refused()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.vejle");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        var missing = list.Rows.Filter(new() { HasText = "Intet samtykke" });
        await Assertions.Expect(missing.First).ToBeVisibleAsync();
        await Screenshot(page, "course-list-consent-state.png");
        var citizen = (await missing.First.Locator("a").First.TextContentAsync())!.Trim();
        await list.OpenAsync(citizen);

        var card = new CourseConsentCard(page);
        await Assertions.Expect(card.Warning).ToContainTextAsync("Borgeren har ikke givet samtykke");
        await Assertions.Expect(card.State).ToHaveTextAsync(new Regex("Intet samtykke"));
        await card.StartRegisteringAsync();

        // A text file renamed .pdf: the server looks at the file's first bytes, not its name.
        var register = new RegisterConsentPage(page);
        await register.ChooseFileAsync("samtykke.pdf", "application/pdf", "Dette er en tekstfil, ikke en PDF."u8.ToArray());
        await register.FillTermsAsync("Koordinering mellem traumeklinik og jobcenter", "Status og aftaler", "Plan og mål");
        await register.SubmitAsync();
        await Assertions.Expect(register.Errors).ToContainTextAsync("Filen skal være en PDF, PNG eller JPEG");
        await Assertions.Expect(register.Purpose).ToHaveValueAsync("Koordinering mellem traumeklinik og jobcenter");
        await Assertions.Expect(register.Recipients.First).ToBeCheckedAsync();
        await Screenshot(page, "register-consent-refused.png");

        await register.ChooseFileAsync("samtykke.pdf", "application/pdf", SignedPdf);
        await register.SubmitAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Courses/[0-9a-f-]{36}$"));
        await Assertions.Expect(new CourseDetailsPage(page).Status).ToContainTextAsync("Samtykket er registreret.");
        await Assertions.Expect(card.Warning).ToHaveCountAsync(0);
        await Assertions.Expect(card.State).ToHaveTextAsync("Gælder nu");
        await Assertions.Expect(card.Consents).ToHaveCountAsync(1);
        await Assertions.Expect(card.Consents.First).ToContainTextAsync("Gælder nu");
        await Assertions.Expect(card.Consents.First).ToContainTextAsync("Rikke Demo-Storm");
        await Screenshot(page, "course-consent-registered.png");

        await page.GotoAsync("/Courses");
        await Assertions.Expect(list.Rows.Filter(new() { HasText = citizen })).Not.ToContainTextAsync("Intet samtykke");
    }

    [Fact]
    public async Task The_citizen_sees_who_looked_and_can_take_all_their_data_with_them()
    {
        // The Vejle caseworker opens Abby's course (allowed by Abby's consent to Jobcenter Vejle).
        var professional = await fixture.NewPageAsync();
        await new LoginPage(professional).SignInAsync("sagsbehandler.vejle");
        await Assertions.Expect(professional).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await professional.GotoAsync("/Courses");
        await new CourseListPage(professional).OpenAsync("Abby Demo-Jensen");
        await Assertions.Expect(professional.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Abby Demo-Jensen");

        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("borger.abby");
        var log = new MyAccessLogPage(page);
        await log.OpenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hvem har set mine oplysninger", Level = 1 })).ToBeVisibleAsync();
        var seen = log.Entries.Filter(new() { HasText = "Tina Demo-Eriksen fra Jobcenter Vejle har læst status og aftaler" });
        await Assertions.Expect(seen.First).ToContainTextAsync("grundlag: Samtykke (version 1)");
        await log.FilterAsync("Læst");
        await Assertions.Expect(seen.First).ToBeVisibleAsync();
        Assert.Contains("action=Read", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "my-access-log.png");

        var data = new MyDataPage(page);
        await data.OpenAsync();
        await Assertions.Expect(data.Citizen).ToContainTextAsync("Abby Demo-Jensen");
        await Assertions.Expect(page.GetByTestId("export-courses")).ToContainTextAsync("Mette Demo-Lindberg");
        await Assertions.Expect(page.GetByTestId("export-access-log")).ToContainTextAsync("Tina Demo-Eriksen");
        await Screenshot(page, "my-data.png");

        var href = await data.JsonLink.GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.StartsWith("application/json", download.Headers["content-type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await download.BodyAsync());
        Assert.Equal("Abby", json.RootElement.GetProperty("citizen").GetProperty("givenName").GetString());
        Assert.True(json.RootElement.GetProperty("courses")[0].GetProperty("network").GetArrayLength() >= 2);
        Assert.True(json.RootElement.GetProperty("accessLog").GetArrayLength() > 0);
    }

    [Fact]
    public async Task The_citizen_limits_a_consent_to_fewer_recipients_and_gives_a_new_one()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("borger.louise");
        var consents = new MyConsentsPage(page);
        await consents.OpenAsync();
        var card = consents.Current.Filter(new() { HasText = "Lægerne i Strandgade (demo)" });
        await Assertions.Expect(card).ToHaveCountAsync(1);

        await consents.StartLimitingAsync(card);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begræns samtykke", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Lægerne i Strandgade (demo)")).ToBeCheckedAsync();
        await Screenshot(page, "limit-consent.png");
        await page.GetByLabel("Lægerne i Strandgade (demo)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem begrænsning" }).ClickAsync();

        await Assertions.Expect(consents.Status).ToContainTextAsync("Samtykket er begrænset");
        await Assertions.Expect(consents.Current.First).ToContainTextAsync("Version 2");
        await Assertions.Expect(consents.Current.First).ToContainTextAsync("Jobcenter Kolding");
        await Assertions.Expect(consents.Current.First).Not.ToContainTextAsync("Lægerne i Strandgade (demo)");
        await Assertions.Expect(consents.Earlier.First).ToContainTextAsync("Erstattet af en nyere version");

        await consents.StartGivingAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Giv samtykke" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Skriv, hvad oplysningerne skal bruges til.");
        await page.GetByLabel("Lægerne i Strandgade (demo)").CheckAsync();
        await page.GetByLabel("Helbred og behandling").CheckAsync();
        await page.GetByLabel("Formål", new() { Exact = true }).FillAsync("Min læge må følge med i min behandling");
        await Screenshot(page, "give-consent.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Giv samtykke" }).ClickAsync();

        await Assertions.Expect(consents.Status).ToContainTextAsync("Dit samtykke er gemt");
        var given = consents.Current.Filter(new() { HasText = "Min læge må følge med i min behandling" });
        await Assertions.Expect(given).ToContainTextAsync("Du gav det selv her i Samspil.");
        await Assertions.Expect(given).ToContainTextAsync("Helbred og behandling");
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });
}
