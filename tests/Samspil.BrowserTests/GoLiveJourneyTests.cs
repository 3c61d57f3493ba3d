using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.Features.Account;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.BrowserTests;

/// <summary>
/// A Samspil with an empty database (no demo data), a real OpenID Connect provider on loopback as the
/// region's staff IdP and as the MitID broker: what a region's IT department starts from.
/// </summary>
public sealed class EmptyDatabaseBrowserFixture : OidcBrowserFixture
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
    }
}

/// <summary>
/// Issue 14, "done when": an administrator who starts from an empty production database can, in the UI
/// alone, create the organisation's structure, invite a colleague who signs in through the IdP, create a
/// citizen and course, give the citizen access, correct the citizen's language and move the course to
/// another municipality. Only the first administrator comes from the command line (create-admin).
/// </summary>
public sealed class GoLiveJourneyTests(EmptyDatabaseBrowserFixture fixture) : IClassFixture<EmptyDatabaseBrowserFixture>
{
    private const string Region = "Region Prøveland";
    private const string Clinic = "Traumeklinik Prøveby";
    private const string Home = "Prøveby Kommune";
    private const string Sister = "Søsterby Kommune";
    private const string Cpr = "150358-8777";

    [Fact]
    public async Task From_an_empty_database_an_administrator_builds_the_organisation_invites_a_colleague_and_the_colleague_serves_a_citizen()
    {
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            Assert.False(await db.Organizations.AnyAsync());
            Assert.False(await db.Users.AnyAsync());
        }

        // 1. The IT department creates the first administrator with the command.
        var activation = await CreateAdministratorAsync();

        // 2. The administrator activates through the region's IdP.
        fixture.IdentityProvider.NextIdentity = new TestIdentity("admin-" + Guid.NewGuid().ToString("N"));
        var admin = await fixture.NewPageAsync();
        await admin.GotoAsync(activation);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Log ind med Region Test-IdP" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(admin.GetByTestId("signed-in-user")).ToHaveTextAsync("Rikke Førstevalg", new() { Timeout = 60_000 });

        // 3. The structure: a clinic under the region, and two municipalities with their job centres.
        await admin.GotoAsync("/Admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Organisationer", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("organization-tree")).ToContainTextAsync(Region);
        await CreateOrganizationAsync(admin, Clinic, "Region", "Traumeklinik", Region);
        await CreateOrganizationAsync(admin, Home, "Kommune", "Jobcenter", null);
        await CreateOrganizationAsync(admin, Sister, "Kommune", "Jobcenter", null);
        await Assertions.Expect(admin.Locator($"xpath=//li[a[normalize-space()='{Region}']]//li/a[normalize-space()='{Clinic}']")).ToHaveCountAsync(1);
        await PageChecks.AssertAccessibleAsync(admin);

        // 4. A colleague at the clinic is invited; the page shows the activation link (it is also e-mailed).
        await admin.GotoAsync("/Admin/Accounts/Invite");
        await admin.GetByLabel("Navn", new() { Exact = true }).FillAsync("Mads Prøvebehandler");
        await admin.GetByLabel("E-mail", new() { Exact = true }).FillAsync("mads@proeveland.example");
        await admin.GetByLabel("Faggruppe").FillAsync("Psykolog");
        await admin.GetByLabel("Enhed", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "› " + Clinic });
        await admin.GetByLabel("Titel", new() { Exact = true }).FillAsync("Psykolog");
        await admin.GetByLabel("Mandat (hvad personen kan beslutte)").FillAsync("Kan beslutte behandlingen i klinikken.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opret og send invitation" }).ClickAsync();
        var invitation = Regex.Match(await admin.GetByTestId("activation-link").InnerTextAsync(new() { Timeout = 30_000 }), @"/Account/Activate\?code=[^\s""<]+");
        Assert.True(invitation.Success);
        await admin.Context.CloseAsync();

        // 5. The colleague signs in through the IdP with the invitation.
        fixture.IdentityProvider.NextIdentity = new TestIdentity("mads-" + Guid.NewGuid().ToString("N"));
        var mads = await fixture.NewPageAsync();
        await mads.GotoAsync(invitation.Value);
        await mads.GetByRole(AriaRole.Link, new() { Name = "Log ind med Region Test-IdP" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(mads.GetByTestId("signed-in-user")).ToHaveTextAsync("Mads Prøvebehandler", new() { Timeout = 60_000 });

        // 6. ... creates a citizen and a course, with Prøveby as the responsible municipality.
        await mads.GotoAsync("/Courses/Create");
        await mads.GetByLabel("CPR-nummer").FillAsync(Cpr);
        await mads.GetByLabel("Fornavn").FillAsync("Nour");
        await mads.GetByLabel("Efternavn").FillAsync("Demo-Prøve");
        await mads.GetByLabel("Foretrukket sprog").SelectOptionAsync(new SelectOptionValue { Label = "Arabisk" });
        await mads.GetByLabel("Målgruppe").SelectOptionAsync(new SelectOptionValue { Label = "Flygtninge med PTSD" });
        await mads.GetByLabel("Fase").SelectOptionAsync(new SelectOptionValue { Label = "Udredning" });
        await mads.GetByLabel("Ansvarlig i regionen").SelectOptionAsync(new SelectOptionValue { Label = Clinic });
        await mads.GetByLabel("Ansvarlig i kommunen").SelectOptionAsync(new SelectOptionValue { Label = Home });
        await mads.GetByLabel("Rolle i samarbejdet").SelectOptionAsync(new SelectOptionValue { Label = "Tovholder" });
        await mads.GetByRole(AriaRole.Button, new() { Name = "Opret forløb" }).ClickAsync();
        await Assertions.Expect(mads.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Nour Demo-Prøve", new() { Timeout = 30_000 });
        var course = mads.Url;

        // 7. ... gives the citizen access: a letter with a one-time code.
        await mads.GetByTestId("citizen-access-card").GetByRole(AriaRole.Button, new() { Name = "Giv borgeren adgang" }).ClickAsync();
        await Assertions.Expect(mads.GetByTestId("activation-letter")).ToContainTextAsync("Sådan får du adgang til Samspil");
        var code = (await mads.GetByTestId("letter-code").InnerTextAsync()).Trim();
        Assert.NotEmpty(code);

        // 8. ... corrects the citizen's language.
        await mads.GotoAsync(course);
        await mads.GetByRole(AriaRole.Link, new() { Name = "Ret borgerens oplysninger" }).ClickAsync();
        await mads.GetByLabel("Foretrukket sprog").SelectOptionAsync(new SelectOptionValue { Label = "Farsi" });
        await mads.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();
        await Assertions.Expect(mads.GetByTestId("status-message")).ToContainTextAsync("Borgerens oplysninger er rettet.");
        await Assertions.Expect(mads.Locator(".citizen-card")).ToContainTextAsync("Farsi");

        // 9. ... and moves the course to the sister's municipality (Abby's move, seed 003).
        await mads.GetByTestId("edit-course-master-data").ClickAsync();
        await mads.GetByLabel("Ansvarlig i kommunen").SelectOptionAsync(new SelectOptionValue { Label = Sister });
        await mads.GetByRole(AriaRole.Button, new() { Name = "Gem ændringerne" }).ClickAsync();
        await Assertions.Expect(mads.GetByTestId("status-message")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await mads.GetByTestId("edit-course-master-data").ClickAsync();
        var history = mads.GetByTestId("master-data-history").Locator("tbody tr");
        await Assertions.Expect(history.First).ToContainTextAsync(Sister);
        await Assertions.Expect(history.First).ToContainTextAsync(Home);
        await Assertions.Expect(history.First).ToContainTextAsync("Mads Prøvebehandler");
        await PageChecks.AssertAccessibleAsync(mads);
        await mads.Context.CloseAsync();

        // 10. The citizen, on a phone, activates with the letter's code through MitID and sees their own course.
        fixture.IdentityProvider.NextIdentity = new TestIdentity("nour-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = Cpr });
        var nour = await fixture.NewPageAsync();
        await nour.SetViewportSizeAsync(390, 844);
        await nour.GotoAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
        await nour.GetByRole(AriaRole.Link, new() { Name = "Log ind med MitID" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(nour.GetByTestId("signed-in-user")).ToHaveTextAsync(new Regex("Nour"), new() { Timeout = 60_000 });
        await PageChecks.AssertAccessibleAsync(nour);
        await nour.Context.CloseAsync();
        fixture.AssertNoCspViolations();
    }

    private async Task<string> CreateAdministratorAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CreateAdministratorCommand.RunAsync(
            fixture.Services,
            ["create-admin", "--organization", Region, "--sector", "Region", "--user-name", "admin.proeveland", "--name", "Rikke Førstevalg", "--email", "rikke@proeveland.example"],
            output,
            error,
            CancellationToken.None);
        Assert.True(exit == 0, error.ToString());
        var link = Regex.Match(output.ToString(), @"http\S+/Account/Activate\?code=\S+");
        Assert.True(link.Success, output.ToString());
        return new Uri(link.Value).PathAndQuery;
    }

    private static async Task CreateOrganizationAsync(IPage page, string name, string sector, string kind, string? partOf)
    {
        await page.GotoAsync("/Admin/Organizations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny organisation" }).ClickAsync();
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Sektor").SelectOptionAsync(new SelectOptionValue { Label = sector });
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = kind });
        if (partOf is not null)
        {
            var parent = await page.Locator("#partOf option", new() { HasText = partOf }).First.GetAttributeAsync("value");
            await page.GetByLabel("Del af").SelectOptionAsync(parent!);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Gem", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Admin/Organizations", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync(name);
    }
}
