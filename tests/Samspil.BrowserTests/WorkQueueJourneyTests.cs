using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 21 on a phone: the demo caseworker signs in, lands on her work queue, sees an overdue action and a
/// meeting this week, ticks the action off in place, and the course plan shows it done. The queue passes axe-core at 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkQueueJourneyTests(BrowserFixture fixture)
{
    private const int Phone = 360;
    private const string Action = "Sende praktikaftalen til underskrift";

    [Fact]
    public async Task The_demo_caseworker_lands_on_her_work_queue_ticks_off_an_overdue_action_and_the_plan_shows_it_done()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 800);
        await new LoginPage(page).SignInAsync("sagsbehandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Work$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbejdsliste", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("all-courses")).ToHaveAttributeAsync("href", "/Courses");

        var overdue = page.GetByTestId("work-OverdueActions").GetByTestId("work-item").Filter(new() { HasText = Action });
        await Assertions.Expect(overdue.GetByTestId("work-when")).ToHaveTextAsync(new Regex(@"^Forfalden \d{1,2}\. [a-zæøå]{3}\.?$"));
        await Assertions.Expect(page.GetByTestId("work-Meetings")).ToContainTextAsync("Kort opfølgning om praktikstedet");
        await PageChecks.CheckAsync(page, Phone, "work-queue");

        var planLink = await overdue.GetByRole(AriaRole.Link, new() { Name = Action }).GetAttributeAsync("href");
        await overdue.GetByRole(AriaRole.Button, new() { Name = "Markér som udført" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("tick-off-done")).ToContainTextAsync(Action);
        await Assertions.Expect(page.GetByTestId("work-item").Filter(new() { HasText = Action })).ToHaveCountAsync(0);

        // One click to the plan: the action is done there.
        await page.GotoAsync(planLink!);
        var row = page.Locator("#" + planLink!.Split('#')[1]);
        await Assertions.Expect(row).ToContainTextAsync(Action);
        await Assertions.Expect(row.Locator(".tag.status-done")).ToHaveTextAsync("Udført");
    }
}
