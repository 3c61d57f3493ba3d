using Microsoft.Playwright;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18, point 4: a visitor who is not signed in searches the shared glossary on a phone (360 px), opens what
/// the word means to the different actors, and the page passes axe-core; in Arabic it is right-to-left.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class GlossaryJourneyTests(SecondBrowserFixture fixture)
{
    [Fact]
    public async Task An_anonymous_visitor_searches_the_glossary_on_a_phone()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 780);
        await page.GotoAsync("/Ordliste");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ordliste", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Søg efter et ord").FillAsync("ressourceforløb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg", Exact = true }).ClickAsync();
        var first = page.GetByTestId("glossary-term").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("id", "ressourceforloeb");
        await first.GetByText("Hvad ordet betyder hos de forskellige aktører").ClickAsync();
        await Assertions.Expect(first).ToContainTextAsync("rehabiliteringsteamet");
        await PageChecks.CheckAsync(page, 360, "glossary-search");

        await page.GotoAsync("/Ordliste?q=IPS&culture=ar");
        Assert.Equal(("ar", "rtl"), await PageChecks.LanguageAsync(page));
        await Assertions.Expect(page.GetByTestId("glossary-term").First).ToContainTextAsync("IPS");
        await PageChecks.CheckAsync(page, 360, "glossary-search-ar");
    }
}
