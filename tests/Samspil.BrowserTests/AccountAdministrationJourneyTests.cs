using System.Globalization;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 14: the trauma clinic's administrator (demo: admin.traume) invites a colleague, finds them in the
/// list as invited, deactivates the account and reads it all in the administration log — on a desktop
/// and on a phone, with axe-core on every page.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class AccountAdministrationJourneyTests(SecondBrowserFixture fixture)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task An_administrator_invites_a_colleague_sees_them_in_the_list_deactivates_them_and_reads_the_log(int width)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"Vibeke Demo-Inviteret {width}");
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(width, width < 600 ? 844 : 900);
        await new LoginPage(page).SignInAsync("admin.traume");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        await page.GotoAsync("/Admin/Accounts");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brugere", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "accounts-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Inviter medarbejder" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inviter medarbejder", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "accounts-invite");

        // A missing mandate is a readable message, and nothing is created.
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(string.Create(CultureInfo.InvariantCulture, $"vibeke.{width}@example.dk"));
        await page.GetByLabel("Faggruppe").FillAsync("Psykolog");
        await page.GetByLabel("Enhed", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "› Traumeklinikken Vejle" });
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Psykolog");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret og send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Beskriv personens mandat");
        await PageChecks.CheckAsync(page, width, "accounts-invite-error");

        await page.GetByLabel("Mandat (hvad personen kan beslutte)").FillAsync("Kan beslutte behandlingsforløb i klinikken.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret og send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("invitationen er sendt");
        await Assertions.Expect(page.GetByTestId("activation-link")).ToContainTextAsync("/Account/Activate?code=");
        await PageChecks.CheckAsync(page, width, "accounts-invited");

        await page.GotoAsync("/Admin/Accounts");
        await page.GetByLabel("Søg på navn eller e-mail").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        var row = page.GetByTestId("account-row").Filter(new() { HasText = name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("account-status")).ToHaveTextAsync("Inviteret");
        await Assertions.Expect(row).ToContainTextAsync("Traumeklinikken Vejle");
        await PageChecks.CheckAsync(page, width, "accounts-search");

        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deaktivér kontoen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Sæt kryds");
        await page.GetByLabel("Ja, deaktivér " + name).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deaktivér kontoen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("er deaktiveret");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).GetByTestId("account-status")).ToHaveTextAsync("Deaktiveret");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Genaktivér kontoen" })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "accounts-deactivated");

        await page.GotoAsync("/Admin/Log");
        var entries = page.GetByTestId("log-row").Filter(new() { HasText = name });
        await Assertions.Expect(entries.Filter(new() { HasText = "Konto deaktiveret" })).ToHaveCountAsync(1);
        await Assertions.Expect(entries.Filter(new() { HasText = "Konto oprettet" })).ToHaveCountAsync(1);
        await Assertions.Expect(entries.Filter(new() { HasText = "Invitation sendt" })).ToHaveCountAsync(1);
        await Assertions.Expect(entries.First).ToContainTextAsync("Allan Demo-Borup");
        await PageChecks.CheckAsync(page, width, "accounts-log");

        await page.GotoAsync("/Admin/Accounts/Import");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importér fra CSV", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, width, "accounts-import");
    }
}
