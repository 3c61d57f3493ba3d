using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 18, point 6: a professional on a phone opens "Samarbejdsaftaler", sees the agreements in force first and the
/// expired one marked, and reads the Tværindsats agreement: who may decide what, whom to call, the document and its versions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgreementJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_professional_on_a_phone_reads_the_agreements_and_one_agreement_with_its_versions()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 844);
        await new LoginPage(page).SignInAsync("behandler.odense");
        await page.GotoAsync("/Agreements");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samarbejdsaftaler", Level = 1 })).ToBeVisibleAsync();
        var agreements = page.GetByTestId("agreement");
        await Assertions.Expect(agreements.First.GetByTestId("agreement-status")).ToHaveTextAsync("I kraft");
        await Assertions.Expect(agreements.Last.GetByTestId("agreement-status")).ToHaveTextAsync("Udløbet");
        await PageChecks.CheckAsync(page, 360, "agreements");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tværindsats for flygtninge med traumer", Exact = false }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("agreement-parties")).ToContainTextAsync("Må beslutte");
        await Assertions.Expect(page.GetByTestId("agreement-parties")).ToContainTextAsync("Anders Demo-Skytte");
        await Assertions.Expect(page.GetByTestId("agreement-document")).ToHaveTextAsync("samarbejdsaftale-tvaerindsats-demo.pdf");
        await Assertions.Expect(page.GetByTestId("agreement-versions").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("review-due")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, 360, "agreement");
    }
}
