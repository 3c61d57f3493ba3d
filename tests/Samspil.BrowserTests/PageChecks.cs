using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Samspil.BrowserTests;

/// <summary>
/// The checks every page gets (issue 15): axe-core, "fits the screen", the header's language, and touch
/// targets; plus the header's menu button, which folds the navigation below 720 px.
/// </summary>
public static class PageChecks
{
    /// <summary>
    /// The rules of WCAG 2.1 levels A and AA (axe-core's own tags), without axe's best practices; only violations
    /// are collected in full (axe then keeps one node of each pass, which makes a run several times quicker).
    /// </summary>
    public static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// Touch targets, as JavaScript over the page: every visible link, button, field and summary in the header
    /// must be at least 44 × 44 px; elsewhere at least 24 × 24 px (WCAG 2.2, 2.5.8 "target size (minimum)"),
    /// except links that flow inline in a line of text (2.5.8's own inline exception). Returns the offenders.
    /// </summary>
    private const string TooSmallTargetsScript = """
        () => {
          const out = [];
          const targets = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]');
          for (const e of targets) {
            const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.bottom <= 0 || s.visibility === 'hidden') continue;
            if (e.tagName === 'A' && s.display === 'inline') continue;
            const min = e.closest('header') ? 44 : 24;
            if (r.width < min - 0.5 || r.height < min - 0.5) {
              const name = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('name') || e.id || '').replace(/\s+/g, ' ').trim().slice(0, 40);
              out.push(e.tagName.toLowerCase() + ' "' + name + '" ' + Math.round(r.width) + '×' + Math.round(r.height) + ' (min ' + min + ')');
            }
          }
          return out;
        }
        """;

    /// <summary>axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each (empty: none). One injection per call.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page, AxeRunOptions? options = null)
    {
        var axe = await page.RunAxe(options ?? Wcag21AA);
        return axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
    }

    /// <summary>axe-core (all rules, as the journeys have always run it) finds nothing.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, $"{page.Url}: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>The page's width and the window's, in CSS pixels.</summary>
    public static async Task<(int Page, int Window)> WidthsAsync(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (size[0], size[1]);
    }

    /// <summary>The page scrolls no wider than the window (one pixel of rounding allowed).</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var (width, window) = await WidthsAsync(page);
        if (width > window + 1)
        {
            // Name the widest culprits, so a failure says what to fix.
            var wide = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))");
            Assert.Fail($"{page.Url} is {width} px wide in a {window} px window: {string.Join(", ", wide)}");
        }
    }

    /// <summary>A screenshot for people to look at, axe-core (all rules), and on any width: no sideways scrolling.</summary>
    public static async Task CheckAsync(IPage page, int width, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, string.Create(CultureInfo.InvariantCulture, $"{name}-{width}.png")), FullPage = true });
        var axe = await page.RunAxe();
        Assert.True(
            axe.Violations.Length == 0,
            $"{page.Url} at {width} px: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        await AssertFitsAsync(page);
    }

    /// <summary>Interactive elements smaller than the target sizes described at <see cref="TooSmallTargetsScript"/>.</summary>
    public static async Task<IReadOnlyList<string>> TooSmallTargetsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(TooSmallTargetsScript);

    /// <summary>The &lt;html&gt; element's lang and dir ("" when dir is not set).</summary>
    public static async Task<(string Lang, string Dir)> LanguageAsync(IPage page)
    {
        var both = await page.EvaluateAsync<string[]>("() => [document.documentElement.lang || '', document.documentElement.getAttribute('dir') || '']");
        return (both[0], both[1]);
    }

    /// <summary>The header's menu button (shown below 720 px).</summary>
    public static ILocator MenuButton(IPage page) => page.Locator("header [data-menu-button]");

    /// <summary>A link in the main navigation.</summary>
    public static ILocator NavigationLink(IPage page, string label) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = label, Exact = true });

    /// <summary>
    /// Makes a link of the main navigation visible and returns it: opens the phone menu if it is folded, and the staff
    /// menu group (Mit arbejde, Forløb, Viden, Administration) that holds the link if it is closed (issue 21).
    /// </summary>
    public static async Task<ILocator> ShowNavigationLinkAsync(IPage page, string label)
    {
        await OpenMenuAsync(page);
        var link = NavigationLink(page, label);
        if (!await link.IsVisibleAsync())
        {
            var group = page.Locator("header [data-nav-group]").Filter(new() { Has = page.Locator("a").GetByText(label, new() { Exact = true }) });
            var button = group.Locator(".nav-group-button");
            if (await button.CountAsync() == 1 && await button.GetAttributeAsync("aria-expanded") != "true")
            {
                await button.ClickAsync();
            }
        }

        return link;
    }

    /// <summary>Follows a link of the main navigation, opening the phone menu and its menu group first.</summary>
    public static async Task FollowNavigationLinkAsync(IPage page, string label) => await (await ShowNavigationLinkAsync(page, label)).ClickAsync();

    /// <summary>On a narrow screen the navigation is folded behind the menu button: press it (on a wide one, nothing to do).</summary>
    public static async Task OpenMenuAsync(IPage page)
    {
        var button = MenuButton(page);
        if (await button.IsVisibleAsync() && await button.GetAttributeAsync("aria-expanded") != "true")
        {
            await button.ClickAsync();
        }
    }
}
