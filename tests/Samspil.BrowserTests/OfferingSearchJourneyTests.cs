using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.Domain.Offerings;
using Samspil.Infrastructure.Persistence;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18 on a phone, not signed in: a relative opens "Find hjælp og tilbud", ticks "Åben nu", searches and opens an
/// after-hours offering that is open right now. Both pages pass axe-core and are no wider than 360 px, without JavaScript help.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfferingSearchJourneyTests(BrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task An_anonymous_visitor_on_a_phone_finds_an_offering_open_now_and_opens_it()
    {
        var name = "Døgnlinjen for pårørende " + Guid.NewGuid().ToString("N")[..6];
        await SeedAsync(name);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 800);

        await page.GotoAsync("/Tilbud");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find hjælp og tilbud", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, Phone, "offerings-search");

        await page.GetByLabel("Søg (navn, beskrivelse eller organisation)").FillAsync(name);
        await page.GetByTestId("filter-open-now").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("openNow=true"));
        var card = page.GetByTestId("offering-card").Filter(new() { HasText = name });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.GetByTestId("offering-state")).ToHaveTextAsync("Åben nu");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "70 20 20 20" })).ToHaveAttributeAsync("href", "tel:70202020");
        await PageChecks.CheckAsync(page, Phone, "offerings-search-open-now");

        await card.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("offering-week").GetByRole(AriaRole.Row)).ToHaveCountAsync(8);
        await PageChecks.CheckAsync(page, Phone, "offerings-detail");
        fixture.AssertNoCspViolations();
    }

    private async Task SeedAsync(string name)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var organizationId = await db.Organizations.OrderBy(o => o.Name).Select(o => o.Id).FirstAsync();
        db.Offerings.Add(Offering.Create(Guid.NewGuid(), organizationId, new OfferingDetails(
            name,
            "Ring hele døgnet, hvis du er bekymret for en, du holder af.",
            Needs: [OfferingNeeds.Relatives, OfferingNeeds.Crisis],
            Languages: ["da", "en", "ar"],
            Access: OfferingAccess.SelfReferral,
            Street: "Vestergade 1",
            PostalCode: "5000",
            City: "Odense",
            Latitude: 55.3959m,
            Longitude: 10.3883m,
            Phone: "70 20 20 20",
            IsAfterHours: true,
            IsCrisis: true,
            AlwaysOpen: true,
            ClosedOnPublicHolidays: false), DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }
}
