using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Samspil.Domain.Offerings;
using Samspil.Infrastructure.Persistence;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18, point 3, on a phone: a citizen builds "Min plan for svære tider" from the home page, picks a 24-hour line
/// for the night and a brother by name and number, and sees the line "Åben nu" with a large call link. Every page passes
/// axe-core and is no wider than 360 px.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class CrisisPlanJourneyTests(SecondBrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task A_citizen_builds_a_crisis_plan_on_a_phone_and_sees_that_the_night_line_is_open_now()
    {
        var lineId = await AlwaysOpenLineAsync();
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 780);
        await new LoginPage(page).SignInAsync("borger.abby");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Me/Home$"));

        await page.GetByTestId("home-crisis-plan-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Min plan for svære tider");
        await Assertions.Expect(page.GetByTestId("crisis-plan-changed")).ToHaveTextAsync("Planen er ikke skrevet endnu.");

        await page.GetByTestId("crisis-plan-edit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("crisis-plan-form")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, Phone, "crisis-plan-edit");
        await page.GetByLabel("Tegn på, at det er ved at blive svært").FillAsync("Jeg sover under fire timer\nJeg holder op med at spise");
        await page.GetByLabel("Det hjælper mig").FillAsync("At gå en tur");
        var night = page.GetByTestId("nightContacts");
        await night.GetByLabel("Kontakt 1").SelectOptionAsync($"offering:{lineId}");
        await night.Locator("[name='nightContacts[1].name']").FillAsync("Min bror Ali");
        await night.Locator("[name='nightContacts[1].phone']").FillAsync("20 30 40 50");
        await page.GetByLabel("Det vil jeg ikke").FillAsync("Ring ikke til min arbejdsgiver");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Din plan for svære tider er gemt.");
        var contacts = page.GetByTestId("night-contacts").GetByTestId("crisis-contact");
        await Assertions.Expect(contacts).ToHaveCountAsync(2);
        await Assertions.Expect(contacts.First).ToContainTextAsync("Døgnlinjen (browsertest)");
        await Assertions.Expect(contacts.First.GetByTestId("open-state")).ToHaveTextAsync("Åben nu");
        await Assertions.Expect(contacts.First.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "tel:70201299");
        await Assertions.Expect(contacts.Nth(1).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "tel:20304050");
        await Assertions.Expect(page.GetByTestId("cp-not")).ToContainTextAsync("Ring ikke til min arbejdsgiver");
        await Assertions.Expect(page.GetByTestId("crisis-plan-changed")).ToContainTextAsync("Abby");
        await PageChecks.CheckAsync(page, Phone, "crisis-plan");
    }

    /// <summary>A 24-hour after-hours line of the browser test's own (the demo's offerings may differ by branch).</summary>
    private async Task<Guid> AlwaysOpenLineAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var existing = db.Offerings.FirstOrDefault(o => o.ExternalId == "crisis-browser-line");
        if (existing is not null)
        {
            return existing.Id;
        }

        var organization = db.Organizations.Select(o => o.Id).First();
        var line = Offering.Create(Guid.NewGuid(), organization, new OfferingDetails("Døgnlinjen (browsertest)", "Telefon hele døgnet.", Phone: "70 20 12 99", IsAfterHours: true, AlwaysOpen: true), DateTimeOffset.UtcNow, "crisis-browser-line");
        db.Offerings.Add(line);
        await db.SaveChangesAsync();
        return line.Id;
    }
}
