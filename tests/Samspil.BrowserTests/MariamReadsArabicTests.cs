using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 15: Mariam, whose recorded language is Arabic, signs in on a phone from a Danish browser and reads Samspil in Arabic,
/// right to left, without choosing: her plan, her next meeting, a conversation (where she writes to her network) and who has
/// seen her data. On each page: no axe-core violation, no sideways scrolling at 360 px, and no Danish interface text of two
/// words or more (names and what people wrote are not interface texts). Needs SharedResource.ar.resx.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MariamReadsArabicTests(BrowserFixture fixture)
{
    private const int PhoneWidth = 360;

    [Fact]
    public async Task Mariam_reads_Samspil_in_Arabic()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, 780);
        await new LoginPage(page).SignInAsync("borger.mariam");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await AssertArabicPageAsync(page); // where sign-in lands

        // Her plan: "Min plan" in the header leads to the plan (one course: the list links to it).
        await GoByHeaderLinkAsync(page, "/Me/Plan");
        if (!page.Url.Contains("/plan", StringComparison.Ordinal))
        {
            await page.Locator("main a[href$='/plan']").First.ClickAsync();
        }

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Courses/[0-9a-f-]+/plan"));
        await AssertArabicPageAsync(page);

        // Her next meeting.
        await GoByHeaderLinkAsync(page, "/Me/Meetings");
        await Assertions.Expect(page.GetByTestId("citizen-meetings").Locator("li").First).ToBeVisibleAsync();
        await AssertArabicPageAsync(page);

        // A conversation: the messages read in their own direction, and she writes to her network in Arabic.
        await GoByHeaderLinkAsync(page, "/Me/Messages");
        await AssertArabicPageAsync(page);
        await page.Locator("main a[href^='/Conversations/']").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-text").First).ToHaveAttributeAsync("dir", "auto");
        await AssertArabicPageAsync(page);
        const string Message = "مرحبا، هل يمكننا تأجيل الموعد إلى الأسبوع القادم؟";
        await page.Locator("#text").FillAsync(Message);
        await page.Locator("#message-form button[type='submit']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-text").Filter(new() { HasText = Message })).ToBeVisibleAsync();
        Assert.Equal("rtl", await page.GetByTestId("message-text").Filter(new() { HasText = Message }).EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await AssertArabicPageAsync(page);

        // Who has seen her data.
        await GoByHeaderLinkAsync(page, "/Me/AccessLog");
        await AssertArabicPageAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "mariam-access-log-ar-360.png"), FullPage = true });
        fixture.AssertNoCspViolations();
    }

    /// <summary>Follows a link that is in the header today (by its address, whether or not a menu button hides it at this width).</summary>
    private static async Task GoByHeaderLinkAsync(IPage page, string href)
    {
        var link = page.Locator($"header a[href='{href}']");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await page.GotoAsync((await link.GetAttributeAsync("href"))!);
    }

    private static async Task AssertArabicPageAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        Assert.Equal("rtl", await page.Locator("main").EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsAsync(page);

        var visible = Normalise(await page.EvaluateAsync<string>("() => document.body.innerText"));
        var danish = DanishInterfaceTexts.Value.Where(t => visible.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(danish.Count == 0, $"{page.Url} shows Danish interface text: " + string.Join(" | ", danish.Take(20)));
    }

    /// <summary>
    /// The Danish resource texts of two words or more (from SharedResource.resx, read at test time), each cut at its placeholders
    /// into the literal parts that still have two words. Single words are left out: they are too often names or shared with
    /// other languages ("Samspil", "OK").
    /// </summary>
    private static readonly Lazy<IReadOnlyList<string>> DanishInterfaceTexts = new(() =>
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Samspil/Resources/SharedResource.resx"));
        return XDocument.Load(path).Root!.Elements("data")
            .SelectMany(d => Regex.Split((string?)d.Element("value") ?? string.Empty, @"\{[^}]*\}"))
            .Select(Normalise)
            .Where(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter)) >= 2)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    });

    private static string Normalise(string text) => Regex.Replace(text, @"\s+", " ").Trim(' ', '.', ',', ':', ';', '(', ')', '–', '-');
}
