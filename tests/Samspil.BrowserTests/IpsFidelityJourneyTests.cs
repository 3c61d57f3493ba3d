using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 19 (g): a municipality's administrator records an IPS fidelity review on a phone (360 px): the team list with
/// the demo team, the form with every missing item shown, the saved review in the team's history; axe-core on each.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class IpsFidelityJourneyTests(SecondBrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_records_a_fidelity_review_on_a_phone_and_sees_it_in_the_history()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await new LoginPage(page).SignInAsync("admin.odense");
        await page.GotoAsync("/Ips/Fidelity");
        await Assertions.Expect(page.GetByTestId("fidelity-teams")).ToContainTextAsync("Jobcenter Odense");
        await PageChecks.CheckAsync(page, 360, "ips-fidelity-teams");

        var unit = await page.Locator("#unit option", new() { HasText = "Flygtninge- og veterankoordinator, Odense Kommune" }).GetAttributeAsync("value");
        await page.GetByLabel("Enhed").SelectOptionAsync(unit!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ny måling" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ny troskabsmåling");
        await page.GetByLabel("Reviewere").FillAsync("Karen Browser-Holm");
        await page.GetByLabel("1. Antal borgere pr. jobkonsulent").SelectOptionAsync("5");
        await SaveAsync(page);
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Vurdér punktet fra 1 til 5.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByLabel("1. Antal borgere pr. jobkonsulent")).ToHaveValueAsync("5");
        await PageChecks.CheckAsync(page, 360, "ips-fidelity-form-errors");

        var items = page.Locator("select[name^='Answers.']");
        Assert.Equal(25, await items.CountAsync());
        for (var i = 1; i < 25; i++)
        {
            await items.Nth(i).SelectOptionAsync("4");
        }

        await SaveAsync(page);
        await Assertions.Expect(page.GetByTestId("status-message")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("fidelity-review").First).ToContainTextAsync("101 af 125");
        await Assertions.Expect(page.GetByTestId("fidelity-review").First).ToContainTextAsync("God troskab");
        await Assertions.Expect(page.GetByTestId("fidelity-chart")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, 360, "ips-fidelity-history");
    }

    private static async Task SaveAsync(IPage page)
    {
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Gem målingen" });
        await save.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
    }
}
