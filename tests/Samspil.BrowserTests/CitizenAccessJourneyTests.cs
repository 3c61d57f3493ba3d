using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 14, point 2: the clinic that registered Khaled (demo data: Traumeklinikken Odense) gives him
/// access from his course page and prints the activation letter; Khaled opens the letter's link on his
/// phone (390 px), chooses a user name and a password, and lands on his own course.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class CitizenAccessJourneyTests(SecondBrowserFixture fixture)
{
    private const string Khaled = "Khaled Demo-Nasser";

    [Fact]
    public async Task A_clinician_gives_the_citizen_access_prints_the_letter_and_the_citizen_activates_with_a_password_at_390_px()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("behandler.odense");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Work$")); // staff land on their work queue (issue 21)
        await page.GotoAsync("/Courses");
        var list = new CourseListPage(page);
        await list.SearchAsync("Khaled");
        await list.OpenAsync(Khaled);
        var card = page.GetByTestId("citizen-access-card");
        await Assertions.Expect(card).ToContainTextAsync("Borgeren har endnu ikke adgang til Samspil.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Giv borgeren adgang" }).ClickAsync();

        var letter = page.GetByTestId("activation-letter");
        await Assertions.Expect(letter).ToContainTextAsync("Sådan får du adgang til Samspil");
        await Assertions.Expect(letter).ToContainTextAsync("How to get access to Samspil");
        await Assertions.Expect(letter).ToContainTextAsync("MitID");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Udskriv brevet" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "citizen-access-letter.png"), FullPage = true });
        var code = (await page.GetByTestId("letter-code").InnerTextAsync()).Trim();
        Assert.NotEmpty(code);

        // Khaled, on his phone.
        var phone = await fixture.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Aktivér din konto", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(phone);
        await PageChecks.AssertFitsAsync(phone);

        // A password that is too short: a readable message, the code still works.
        await phone.GetByLabel("Brugernavn", new() { Exact = true }).FillAsync("khaled.n");
        await phone.GetByLabel("Adgangskode", new() { Exact = true }).FillAsync("kort");
        await phone.GetByLabel("Gentag adgangskoden", new() { Exact = true }).FillAsync("kort");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Aktivér og log ind" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("form-errors")).ToContainTextAsync("mindst 10 tegn");
        await PageChecks.AssertAccessibleAsync(phone);

        await phone.GetByLabel("Adgangskode", new() { Exact = true }).FillAsync("Khaled-Samspil-2026");
        await phone.GetByLabel("Gentag adgangskoden", new() { Exact = true }).FillAsync("Khaled-Samspil-2026");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Aktivér og log ind" }).ClickAsync();
        await Assertions.Expect(phone.GetByText(Khaled).First).ToBeVisibleAsync();
        Assert.EndsWith("/Me/Home", new Uri(phone.Url).AbsolutePath, StringComparison.Ordinal); // a citizen lands on her home page
        await PageChecks.AssertAccessibleAsync(phone);
        await PageChecks.AssertFitsAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "citizen-access-activated-390.png"), FullPage = true });

        // The clinician's course page now says the login is active and offers no new letter.
        await page.GotoAsync("/Courses");
        await list.SearchAsync("Khaled");
        await list.OpenAsync(Khaled);
        await Assertions.Expect(page.GetByTestId("citizen-access-card")).ToContainTextAsync("Borgeren har aktiveret sit login");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Giv borgeren adgang" })).ToHaveCountAsync(0);
        fixture.AssertNoCspViolations();
    }
}
