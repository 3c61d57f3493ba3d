using System.Globalization;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 14, point 4: an administrator maintains reference data in the UI alone — a unit under Jobcenter Odense
/// in the organisation tree, a target group, and a meeting model whose steps are added, reordered and given
/// participant roles — on a desktop and on a phone, each page checked with axe-core.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReferenceDataJourneyTests(SecondBrowserFixture fixture)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_administrator_adds_a_unit_a_target_group_and_edits_a_meeting_model_step(int width)
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(width, width < 600 ? 844 : 900);
        await new LoginPage(page).SignInAsync("admin.region");
        await PageChecks.FollowNavigationLinkAsync(page, "Administration");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "admin");

        // A unit under Jobcenter Odense (itself under Odense Kommune).
        var unit = Name("Testenhed", width);
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisationer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("organization-tree")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "admin-organizations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny organisation" }).ClickAsync();
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(unit);
        await page.GetByLabel("Sektor").SelectOptionAsync(new SelectOptionValue { Label = "Kommune" });
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Socialforvaltning" });
        var jobcentre = await page.Locator("#partOf option", new() { HasText = "Jobcenter Odense" }).GetAttributeAsync("value");
        await page.GetByLabel("Del af").SelectOptionAsync(jobcentre!);
        await page.GetByLabel("Offentligt telefonnummer").FillAsync("72 00 01 99");
        await PageChecks.CheckAsync(page, width, "admin-organization-edit");
        await SaveAsync(page, "/Admin/Organizations");
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync(unit);
        await Assertions.Expect(page.Locator($"xpath=//li[a[normalize-space()='Odense Kommune']]//li[a[normalize-space()='Jobcenter Odense']]//li/a[normalize-space()='{unit}']")).ToHaveCountAsync(1);
        await PageChecks.CheckAsync(page, width, "admin-organizations-saved");

        // Odense Kommune cannot become part of its own new unit: a readable message, nothing saved.
        await page.GetByRole(AriaRole.Link, new() { Name = "Odense Kommune", Exact = true }).ClickAsync();
        var newUnit = await page.Locator("#partOf option", new() { HasText = unit }).GetAttributeAsync("value");
        await page.GetByLabel("Del af").SelectOptionAsync(newUnit!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("En organisation kan ikke være en del af en af sine egne enheder.", new() { Timeout = 30_000 });
        await PageChecks.CheckAsync(page, width, "admin-organization-cycle");

        // A target group (left inactive, so that courses elsewhere do not offer it).
        var code = Name("test-gruppe", width);
        await page.GotoAsync("/Admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Målgrupper", Exact = true }).ClickAsync();
        await PageChecks.CheckAsync(page, width, "admin-target-groups");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny målgruppe" }).ClickAsync();
        await page.GetByLabel("Kode").FillAsync(code);
        await page.GetByLabel("Navn (dansk)").FillAsync(Name("Testgruppe", width));
        await page.GetByLabel("Navn (engelsk)").FillAsync(Name("Test group", width));
        await page.GetByLabel("Definition").FillAsync("Borgere i en testsituation.");
        await page.GetByLabel("Aktiv").UncheckAsync();
        await PageChecks.CheckAsync(page, width, "admin-target-group-edit");
        await SaveAsync(page, "/Admin/TargetGroups");
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync(Name("Testgruppe", width));
        var row = page.GetByTestId("target-groups").Locator("tr", new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("Inaktiv");
        await Assertions.Expect(page.GetByTestId("target-groups").Locator("tr", new() { HasText = "ptsd-refugee" })).ToContainTextAsync("Tværindsats");

        // A meeting model: one step, then a second added, moved first and given "the citizen and the tovholder".
        var model = Name("Browsermodel", width);
        await page.GotoAsync("/Admin/MeetingModels");
        await PageChecks.CheckAsync(page, width, "admin-meeting-models");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny mødemodel" }).ClickAsync();
        await page.GetByLabel("Kode").FillAsync(Name("browsermodel", width));
        await page.GetByLabel("Navn (dansk)").FillAsync(model);
        await page.GetByLabel("Navn (engelsk)").FillAsync(Name("Browser model", width));
        await FillStepAsync(page, 1, "Forberedende samtale", "Opstart", "Start", "0");
        await SaveAsync(page, "/Admin/MeetingModels");
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync(model);

        await page.GetByRole(AriaRole.Link, new() { Name = model }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj trin" }).ClickAsync();
        await FillStepAsync(page, 2, "Netværksmøde", "Tovholdermøde", "Coordinator meeting", "7");
        await Step(page, 2).GetByLabel("Tovholder").CheckAsync();
        await Step(page, 2).GetByRole(AriaRole.Button, new() { Name = "Flyt op" }).ClickAsync();
        await Assertions.Expect(Step(page, 1).GetByLabel("Titel (dansk)")).ToHaveValueAsync("Tovholdermøde", new() { Timeout = 30_000 });
        await Assertions.Expect(Step(page, 1).GetByLabel("Tovholder")).ToBeCheckedAsync();
        await Step(page, 2).GetByLabel("Dage efter udløseren").FillAsync("3");
        await PageChecks.CheckAsync(page, width, "admin-meeting-model-edit");
        await SaveAsync(page, "/Admin/MeetingModels");
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync(model);
        var steps = page.GetByTestId("meeting-model").Filter(new() { HasText = model }).Locator("ol > li");
        await Assertions.Expect(steps).ToHaveCountAsync(2);
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync("Tovholdermøde");
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync("borgeren og Tovholder");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("Opstart");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("dag 3");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("hele netværket");
        await PageChecks.CheckAsync(page, width, "admin-meeting-models-saved");
        fixture.AssertNoCspViolations();
    }

    /// <summary>Presses "Gem" and waits for the list it returns to (a busy machine can take longer than an expectation's five seconds).</summary>
    private static async Task SaveAsync(IPage page, string list)
    {
        // From the keyboard, as many administrators save a long form (and on a phone, a pointer click at the very
        // bottom of this page was not delivered in headless Chromium; the keyboard is the surer way to press it).
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true });
        await save.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == list, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-save-failed.png"), FullPage = true });
            var errors = page.GetByTestId("form-errors");
            Assert.Fail($"Saving stayed on {page.Url}: " + (await errors.CountAsync() > 0 ? await errors.InnerTextAsync() : await page.Locator("main").InnerTextAsync()));
        }
    }

    private static string Name(string prefix, int width) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{width}");

    private static ILocator Step(IPage page, int number) =>
        page.GetByRole(AriaRole.Group, new() { Name = string.Create(CultureInfo.InvariantCulture, $"Trin {number}"), Exact = true });

    private static async Task FillStepAsync(IPage page, int number, string kind, string titleDa, string titleEn, string offset)
    {
        var step = Step(page, number);
        await step.GetByLabel("Mødetype").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await step.GetByLabel("Form", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Fysisk møde" });
        await step.GetByLabel("Titel (dansk)").FillAsync(titleDa);
        await step.GetByLabel("Titel (engelsk)").FillAsync(titleEn);
        await step.GetByLabel("Dage efter udløseren").FillAsync(offset);
        await step.GetByLabel("Tidsvindue (dage)").FillAsync("14");
    }
}
