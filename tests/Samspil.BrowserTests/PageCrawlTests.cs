using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samspil.BrowserTests.Pages;
using Xunit.Abstractions;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 15: every page a person can reach, in every language the header offers them, on a 360 px phone.
/// For each person one browser context signs in and follows same-origin links breadth first from the page it
/// lands on (navigation and page links alike), one page per route pattern (ids normalised), skipping sign-out,
/// downloads, the API and exports. Each page, in each language: no WCAG 2.1 A/AA violation by axe-core, no
/// sideways scrolling at 360 px, lang is the language and dir is rtl exactly for Arabic and Farsi, and touch
/// targets are big enough (<see cref="PageChecks.TooSmallTargetsAsync"/>). All findings are reported at once.
/// </summary>
/// <remarks>
/// The four people are crawled in two test classes, each with a demo instance of its own, so the two halves run side by
/// side (in one collection they were the browser assembly's critical path: 16 minutes of its 19½ in the run of issue 21).
/// </remarks>
public abstract partial class PageCrawlTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Width = 360;
    private const int MaxPagesPerPerson = 60;
    private static readonly string[] RightToLeft = ["ar", "fa"];

    /// <summary>
    /// axe-core runs on every page in the person's first language, in Danish and in Arabic (the right-to-left
    /// representative); the other languages get the cheap checks (lang, dir, width, touch targets). axe's findings
    /// follow the markup, which is the same in every language; a full axe pass in all five doubled the crawl's time
    /// (4 minutes for the citizen alone). The Arabic journey (MariamReadsArabicTests) runs axe on her pages too.
    /// </summary>
    private static readonly string[] AxeLanguages = ["da", "ar"];

    /// <summary>
    /// The languages the header offers, read from the page: the language chooser's options (a select, or buttons
    /// and links with lang or data-culture) and, as a fallback, the da/en switch's form (/culture?culture=xx),
    /// plus the page's own language. Adapt the chooser selector here when the chooser changes.
    /// </summary>
    private const string LanguagesScript = """
        () => {
          const codes = [];
          const add = v => { const c = (v || '').trim().toLowerCase().split(/[-_]/)[0]; if (/^[a-z]{2,3}$/.test(c) && !codes.includes(c)) codes.push(c); };
          add(document.documentElement.lang);
          for (const chooser of document.querySelectorAll('[data-language-chooser], [data-testid="language-chooser"], .language-chooser')) {
            chooser.querySelectorAll('option').forEach(o => add(o.value));
            chooser.querySelectorAll('[data-culture]').forEach(e => add(e.dataset.culture));
            chooser.querySelectorAll('button[name="culture"], input[name="culture"]').forEach(e => add(e.value));
            chooser.querySelectorAll('a[lang], button[lang]').forEach(e => add(e.getAttribute('lang')));
          }
          for (const form of document.querySelectorAll('form')) {
            const url = new URL(form.action, location.href);
            if (url.pathname.toLowerCase() === '/culture') add(url.searchParams.get('culture'));
          }
          return codes;
        }
        """;

    /// <summary>Chooses a language the way the header's form does (a POST to /culture with its antiforgery token), without leaving the page.</summary>
    private const string ChooseLanguageScript = """
        async culture => {
          const form = [...document.querySelectorAll('form')].find(f => new URL(f.action, location.href).pathname.toLowerCase() === '/culture');
          if (!form) return false;
          const data = new FormData(form);
          data.set('culture', culture);
          data.set('returnUrl', '/');
          const url = new URL(form.action, location.href);
          url.searchParams.set('culture', culture);
          url.searchParams.set('returnUrl', '/');
          const answer = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin' });
          return answer.ok;
        }
        """;

    /// <summary>Same-origin links on the page, including those folded behind the menu button.</summary>
    private const string LinksScript = """
        () => [...document.querySelectorAll('a[href]')]
          .filter(a => !a.hasAttribute('download') && a.origin === location.origin)
          .map(a => a.pathname + a.search)
        """;

    /// <summary>Crawls as one person; the derived classes name the people and the demo instance.</summary>
    protected async Task CrawlAsync(string login)
    {
        var clock = Stopwatch.StartNew();
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(Width, 780);
        await new LoginPage(page).SignInAsync(login);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        var findings = new List<string>();
        var languages = await page.EvaluateAsync<string[]>(LanguagesScript);
        var first = languages[0];

        // Discover the pages in the first language, checking each on the way.
        var visited = new List<string>();
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        Enqueue(new Uri(page.Url).PathAndQuery);
        foreach (var link in await page.EvaluateAsync<string[]>(LinksScript))
        {
            Enqueue(link);
        }

        while (queue.Count > 0 && visited.Count < MaxPagesPerPerson)
        {
            var url = queue.Dequeue();
            if (!await VisitAsync(page, url, first, full: true, findings))
            {
                continue;
            }

            visited.Add(url);
            foreach (var link in await page.EvaluateAsync<string[]>(LinksScript))
            {
                Enqueue(link);
            }
        }

        // Then the same pages in every other language the header offers.
        foreach (var language in languages.Skip(1))
        {
            Assert.True(await page.EvaluateAsync<bool>(ChooseLanguageScript, language), $"{login}: choosing {language} failed");
            foreach (var url in visited)
            {
                await VisitAsync(page, url, language, AxeLanguages.Contains(language), findings);
            }
        }

        await page.Context.CloseAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{login}: {visited.Count} pages × {languages.Length} languages ({string.Join(", ", languages)}) in {clock.Elapsed.TotalSeconds:F1} s"));
        output.WriteLine(string.Join("\n", visited));
        Assert.True(visited.Count >= 4, $"{login} reached only {visited.Count} pages: {string.Join(", ", visited)}");
        Assert.True(findings.Count == 0, $"{login}: {findings.Count} findings\n" + string.Join("\n", findings.Take(80)));
        fixture.AssertNoCspViolations();

        void Enqueue(string link)
        {
            if (Skip(link) || !patterns.Add(Pattern(link)))
            {
                return;
            }

            queue.Enqueue(link);
        }
    }

    /// <summary>Opens one page in one language and records what is wrong (axe-core only when <paramref name="full"/>); false when it is not an HTML page to check.</summary>
    private static async Task<bool> VisitAsync(IPage page, string url, string language, bool full, List<string> findings)
    {
        IResponse? response;
        try
        {
            response = await page.GotoAsync(url);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            return false;
        }

        var where = $"{url} [{language}]";
        if (response is null || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
        {
            return false;
        }

        if (response.Status >= 400)
        {
            findings.Add($"{where}: HTTP {response.Status}");
            return true;
        }

        var (lang, dir) = await PageChecks.LanguageAsync(page);
        if (lang != language)
        {
            findings.Add($"{where}: lang=\"{lang}\"");
        }

        if ((dir == "rtl") != RightToLeft.Contains(language))
        {
            findings.Add($"{where}: dir=\"{dir}\"");
        }

        var (width, _) = await PageChecks.WidthsAsync(page);
        if (width > Width)
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: {width} px wide at {Width} px"));
        }

        if (full)
        {
            findings.AddRange((await PageChecks.AxeViolationsAsync(page)).Select(v => $"{where}: axe {v}"));
        }

        findings.AddRange((await PageChecks.TooSmallTargetsAsync(page)).Select(t => $"{where}: small target {t}"));
        return true;
    }

    /// <summary>Not a page to crawl: sign-in and sign-out, the API and its documentation, downloads, exports and files.</summary>
    private static bool Skip(string link)
    {
        var path = link.Split('?')[0].ToLowerInvariant();
        var query = link.Contains('?', StringComparison.Ordinal) ? link[(link.IndexOf('?', StringComparison.Ordinal) + 1)..].ToLowerInvariant() : string.Empty;
        return path.StartsWith("/api", StringComparison.Ordinal)
            || path.StartsWith("/culture", StringComparison.Ordinal)
            || path.StartsWith("/account/log", StringComparison.Ordinal)
            || path.StartsWith("/account/external", StringComparison.Ordinal)
            || path.StartsWith("/signin", StringComparison.Ordinal)
            || path.StartsWith("/signout", StringComparison.Ordinal)
            || path.StartsWith("/fhir", StringComparison.Ordinal)
            || FileName().IsMatch(path)
            || path.Contains("/download", StringComparison.Ordinal)
            || path.Contains("/export/", StringComparison.Ordinal)
            || query.Contains("handler=", StringComparison.Ordinal)
            || query.Contains("format=", StringComparison.Ordinal);
    }

    /// <summary>One page per route: ids (GUIDs, numbers) become {id}, and the query is ignored.</summary>
    private static string Pattern(string link) =>
        Id().Replace(link.Split('?')[0].ToLowerInvariant().TrimEnd('/'), "/{id}");

    [GeneratedRegex(@"/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)(?=/|$)")]
    private static partial Regex Id();

    [GeneratedRegex(@"\.[a-z0-9]{2,4}$")]
    private static partial Regex FileName();
}

/// <summary>The citizen (five languages) and a caseworker (Danish and English), on the page crawl's first demo instance.</summary>
[Collection(CrawlBrowserCollection.Name)]
public sealed class PageCrawlTestsCitizenAndCaseworker(CrawlBrowserFixture fixture, ITestOutputHelper output) : PageCrawlTests(fixture, output)
{
    [Theory]
    [InlineData("borger.mariam")]
    [InlineData("sagsbehandler.odense")]
    public Task Every_page_a_person_reaches_passes_axe_fits_360_px_and_has_the_right_language_in_every_language_offered(string login) => CrawlAsync(login);
}

/// <summary>The proxy (five languages) and an administrator (Danish and English), on the page crawl's second demo instance.</summary>
[Collection(SecondCrawlBrowserCollection.Name)]
public sealed class PageCrawlTestsProxyAndAdministrator(SecondCrawlBrowserFixture fixture, ITestOutputHelper output) : PageCrawlTests(fixture, output)
{
    [Theory]
    [InlineData("paaroerende.louise")]
    [InlineData("admin.region")]
    public Task Every_page_a_person_reaches_passes_axe_fits_360_px_and_has_the_right_language_in_every_language_offered(string login) => CrawlAsync(login);
}

/// <summary>The header's menu button below 720 px, and pages at 200 % zoom (a 1280 px screen: 640 CSS px at twice the pixels).</summary>
[Collection(CrawlBrowserCollection.Name)]
public sealed class PhoneLayoutTests(CrawlBrowserFixture fixture)
{
    [Fact]
    public async Task On_a_phone_the_navigation_folds_behind_a_menu_button_that_opens_and_closes_it()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(360, 780);
        await new LoginPage(page).SignInAsync("behandler.odense");
        var button = PageChecks.MenuButton(page);
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(navigation).ToBeHiddenAsync();

        await button.ClickAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        // The staff links sit in menu groups (issue 21): the "Forløb" group opens in place inside the folded menu.
        var group = page.GetByTestId("nav-group-courses");
        await Assertions.Expect(group).ToHaveAttributeAsync("aria-expanded", "false");
        await group.ClickAsync();
        await Assertions.Expect(group).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(PageChecks.NavigationLink(page, "Mine forløb")).ToBeVisibleAsync();
        foreach (var link in (await navigation.GetByRole(AriaRole.Link).AllAsync()).Concat(await navigation.GetByRole(AriaRole.Button).AllAsync()))
        {
            var box = await link.BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 } && box.X >= 0 && box.X + box.Width <= 360, $"{await link.InnerTextAsync()}: {box?.Width}×{box?.Height} at {box?.X}");
        }

        // The open menu is readable: axe-core checks contrast of every link on the dark bar.
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));
        await PageChecks.AssertFitsAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "menu-open-360.png"), FullPage = true });

        // Escape closes the open group first (focus back on its button), then the menu.
        await PageChecks.NavigationLink(page, "Mine forløb").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(group).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(group).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(navigation).ToBeHiddenAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");

        // The course list is a card per course, each line labelled with its column's heading.
        await page.GotoAsync("/Courses");
        var table = page.GetByTestId("course-list");
        await Assertions.Expect(table).ToHaveClassAsync(new Regex(@"\bstackable\b"));
        var cell = table.Locator("tbody tr").First.Locator("td").First;
        Assert.False(string.IsNullOrWhiteSpace(await cell.GetAttributeAsync("data-label")));
        Assert.Equal("block", await cell.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Equal(await cell.GetAttributeAsync("data-label"), await cell.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content.replace(/^\"|\"$/g, '')"));
        await PageChecks.AssertFitsAsync(page);

        // On a desktop there is no menu button and the navigation is always there.
        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(button).ToBeHiddenAsync();
        await Assertions.Expect(navigation).ToBeVisibleAsync();

        // At 1280 px the header is one line (issue 21: it wrapped with 10–12 links), and a menu opens from the keyboard.
        var header = await page.Locator("header[data-topbar]").BoundingBoxAsync();
        var brand = await page.Locator("header .brand").BoundingBoxAsync();
        Assert.True(header is not null && brand is not null && header.Height < brand.Height + 40, $"header {header?.Height} px tall: it wraps");
        await page.GetByTestId("nav-group-work").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("nav-group-work")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(PageChecks.NavigationLink(page, "Mine opgaver")).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(PageChecks.NavigationLink(page, "Mine opgaver")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("behandler.odense", "/Courses")]
    [InlineData("behandler.odense", "/Me/Meetings")]
    [InlineData("borger.preben", "/Me/AccessLog")]
    public async Task At_200_percent_zoom_a_page_fits_the_window_and_passes_axe(string login, string path)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "da-DK", ViewportSize = new() { Width = 640, Height = 450 }, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(login);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(PageChecks.MenuButton(page)).ToBeVisibleAsync();
        await PageChecks.AssertFitsAsync(page);
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));
        Assert.Empty(await PageChecks.TooSmallTargetsAsync(page));

        // Text is not clipped: nothing in the main content is wider than its box (the visually hidden table heads aside).
        var clipped = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main *')].filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden').map(e => e.tagName)");
        Assert.Empty(clipped);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, string.Create(CultureInfo.InvariantCulture, $"zoom-200{path.Replace('/', '-')}.png")), FullPage = true });
        await context.CloseAsync();
    }
}
