using System.Globalization;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 15 on a phone: the citizen lands on the home page and reaches the next meeting and the
/// tovholder's phone in one tap; the grouped access log reads as sentences; the proxy is told whom
/// they act for. Every page passes axe-core and is no wider than 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizenHomeJourneyTests(BrowserFixture fixture)
{
    private const int Phone = 360;

    [Fact]
    public async Task The_citizen_reaches_the_next_meeting_and_the_tovholders_phone_in_one_tap_from_home()
    {
        var page = await SignInAsync("borger.preben");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Me/Home$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forside", Level = 1 })).ToBeVisibleAsync();
        var call = page.GetByTestId("home-coordinator-phone");
        await Assertions.Expect(call).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^tel:\+?\d+$"));
        await Assertions.Expect(page.GetByTestId("home-after-hours").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "tel:70110707");
        await PageChecks.CheckAsync(page, Phone, "citizen-home");
        await SaveDocsScreenshotAsync(page, "citizen-home-da-360.png");

        var title = await page.GetByTestId("home-meeting-link").InnerTextAsync();
        await page.GetByTestId("home-meeting-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title.Trim());

        // The grouped access log: sentences per person and day, the clinic's own records marked.
        await PageChecks.OpenMenuAsync(page); // folded behind the menu button on a phone
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Hvem har set mine oplysninger" }).ClickAsync();
        var log = new MyAccessLogPage(page);
        await Assertions.Expect(log.Groups.First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("access-log-groups")).Not.ToContainTextAsync("Preben Demo-Nielsen");
        await PageChecks.CheckAsync(page, Phone, "citizen-access-log-grouped");
        await page.GetByTestId("show-own").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("access-log-groups")).ToContainTextAsync("Du ");
    }

    [Fact]
    public async Task The_proxy_sees_whom_they_act_for_and_Louises_plan()
    {
        var page = await SignInAsync("paaroerende.louise");
        await Assertions.Expect(page.GetByTestId("proxy-banner")).ToHaveTextAsync("Du handler for Louise (fuldmagt).");
        await PageChecks.OpenMenuAsync(page);
        var plan = page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Louises plan", Exact = true });
        await Assertions.Expect(plan).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, Phone, "proxy-home");
        await plan.ClickAsync();
        await Assertions.Expect(page.GetByTestId("proxy-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Louises plan");
    }

    /// <summary>
    /// Preben's home page in Arabic at phone width: right to left, within the screen, axe-core clean; its screenshot
    /// is the one in docs/citizen-home.md (the Danish one is taken by the journey above).
    /// </summary>
    [Fact]
    public async Task The_home_page_in_Arabic_reads_right_to_left_on_a_phone()
    {
        var page = await SignInAsync("borger.preben");
        await page.GotoAsync($"{fixture.BaseUrl}/Me/Home?culture=ar&ui-culture=ar");
        await Assertions.Expect(page.GetByTestId("citizen-home")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await PageChecks.CheckAsync(page, Phone, "citizen-home-ar");
        await SaveDocsScreenshotAsync(page, "citizen-home-ar-360.png");
    }

    private async Task<IPage> SignInAsync(string userName)
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Phone, 780);
        await new LoginPage(page).SignInAsync(userName);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Writes into docs/images/ of the repository (found from the test's output folder).</summary>
    private static async Task SaveDocsScreenshotAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samspil.slnx")))
        {
            dir = dir.Parent;
        }

        var target = dir is null ? BrowserFixture.ScreenshotDirectory : Path.Combine(dir.FullName, "docs", "images");
        Directory.CreateDirectory(target);
        await page.ScreenshotAsync(new() { Path = Path.Combine(target, name), FullPage = true });
    }
}
