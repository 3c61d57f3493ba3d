using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.BrowserTests;

/// <summary>
/// A citizen signs in with MitID through the broker (the test provider on loopback) in a real browser: the full
/// redirect flow, matched by the CPR claim, onto the citizen's own pages; logging out signs them out at the broker too.
/// A CPR number Samspil does not know gets the clear Danish refusal page, which passes axe-core, also on a phone.
/// </summary>
[Collection(OidcBrowserCollection.Name)]
public sealed class CitizenOidcSignInJourneyTests(OidcBrowserFixture fixture)
{
    [Fact]
    public async Task A_citizen_signs_in_with_MitID_lands_on_their_own_pages_and_logs_out_at_the_broker_too()
    {
        var (cpr, displayName) = await CitizenAsync("borger.louise");
        fixture.IdentityProvider.NextIdentity = new TestIdentity("mitid-browser-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = cpr });
        var endSessionsBefore = fixture.IdentityProvider.EndSessionRequests.Count;

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        // The first round trip may also fetch the provider's discovery document and keys: slow on a busy machine.
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med MitID" }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(displayName, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forside", Level = 1 })).ToBeVisibleAsync(); // a citizen lands on her home page
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mine samtykker" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "oidc-citizen-signed-in.png") });

        // Out of Samspil, on to the broker's end-session endpoint, back through the signed-out callback to the login page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log ind", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login$"));
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        Assert.Equal(endSessionsBefore + 1, fixture.IdentityProvider.EndSessionRequests.Count);
        await page.Context.CloseAsync();
        fixture.AssertNoCspViolations();
    }

    [Fact]
    public async Task An_unknown_CPR_number_gets_a_clear_Danish_page_that_passes_axe_core_on_a_phone_too()
    {
        fixture.IdentityProvider.NextIdentity = new TestIdentity("mitid-stranger-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = await UnusedCprAsync() });

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med MitID" }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Du kan ikke logge ind", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("external-refused")).ToContainTextAsync("Vi kan ikke finde dig i Samspil");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "oidc-citizen-unknown-390.png"), FullPage = true });
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til log ind" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log ind", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        fixture.AssertNoCspViolations();
    }

    private async Task<(string Cpr, string DisplayName)> CitizenAsync(string login)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == login);
        var citizen = await db.Citizens.SingleAsync(c => c.Id == user.CitizenId);
        return (citizen.Cpr.Value, user.DisplayName);
    }

    private async Task<string> UnusedCprAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var taken = (await db.Citizens.Select(c => c.Cpr).ToListAsync()).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(1000, 8000).Select(n => $"0304851{n % 1000:000}").First(c => !taken.Contains(c));
    }
}
