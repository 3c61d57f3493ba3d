using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Samspil.BrowserTests.LongestFirstCollectionOrderer", "Samspil.BrowserTests")]

namespace Samspil.BrowserTests;

/// <summary>
/// The real application on a real Kestrel port (SQLite, demo data) and Debian's headless Chromium
/// driven by Playwright. No browser is downloaded: Playwright is pointed at Debian's Chromium (<see cref="ChromiumPath"/>).
/// </summary>
public class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Samspil-demo-2026";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"samspil-browser-{Guid.NewGuid():N}.db");
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();
    private IPlaywright? _playwright;

    public BrowserFixture() => UseKestrel(0);

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land here so a person can look at what the tests saw.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// SAMSPIL_CHROMIUM if set; otherwise Debian's chromium-headless-shell (what ./test.sh installs: the same Chromium
    /// build without the full browser's user interface, which is what Playwright itself runs headless; a fifth less CPU
    /// per journey than the full browser on the build machine, docs/benchmarks.md); otherwise Debian's full chromium.
    /// </summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("SAMSPIL_CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell"
        : "/usr/bin/chromium";

    public virtual async Task InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Content-Security-Policy violations any page raised ("Refused to …" in the console); a test run with any fails.</summary>
    public IReadOnlyCollection<string> CspViolations => _cspViolations;

    public async Task<IPage> NewPageAsync()
    {
        AssertNoCspViolations();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);

        // Chromium reports a blocked script, style or frame in the console; the event also catches reports it does not print.
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', function (e) { console.error('Refused to load or run (CSP ' + e.effectiveDirective + '): ' + e.blockedURI); });");
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _cspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Fails when any page so far broke the Content-Security-Policy (an inline script, style or handler).</summary>
    public void AssertNoCspViolations()
    {
        if (!_cspViolations.IsEmpty)
        {
            throw new InvalidOperationException("Content-Security-Policy violations:\n" + string.Join("\n", _cspViolations.Distinct(StringComparer.Ordinal)));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
        await OnDisposedAsync();
        AssertNoCspViolations();
    }

    /// <summary>Off, so the demo logins sign in with a password alone; a fixture for two-factor journeys turns it on.</summary>
    protected virtual bool RequireTwoFactorForStaff => false;

    /// <summary>For a fixture that starts more than the application (e.g. an identity provider).</summary>
    protected virtual Task OnDisposedAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_database}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Mail:Mode", "Pickup");
        builder.UseSetting("Mail:PickupDirectory", Path.Combine(Path.GetTempPath(), "samspil-browser-mail", Guid.NewGuid().ToString("N")));
        builder.UseSetting("Authentication:RequireTwoFactorForStaff", RequireTwoFactorForStaff ? "true" : "false");

        // Fewer PBKDF2 rounds keep seeding the demo logins and every sign-in cheap, as in the integration tests;
        // hashes still verify the same way.
        builder.ConfigureTestServices(services =>
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));

        // No fsync on the demo database: seeding and every page's access-log entry commit (see SqliteWithoutSync).
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<Samspil.Infrastructure.Persistence.SqliteSamspilDbContext>(o => o.AddInterceptors(Samspil.IntegrationTests.Infrastructure.SqliteWithoutSync.Instance)));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// A second demo Samspil with its own database and browser, so that the long journeys run beside the
/// first collection's instead of after them (the browser assembly's time is the longest collection's).
/// </summary>
public sealed class SecondBrowserFixture : BrowserFixture;

[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<SecondBrowserFixture>
{
    public const string Name = "Browser, second instance";
}

/// <summary>A third demo Samspil for the page crawl (issue 15): it visits every page, so it gets its own data and runs beside the others.</summary>
public sealed class CrawlBrowserFixture : BrowserFixture;

[CollectionDefinition(Name)]
public sealed class CrawlBrowserCollection : ICollectionFixture<CrawlBrowserFixture>
{
    public const string Name = "Browser, page crawl";
}

/// <summary>The page crawl's second demo instance (issue 21): the crawl's two halves run side by side.</summary>
public sealed class SecondCrawlBrowserFixture : BrowserFixture;

[CollectionDefinition(Name)]
public sealed class SecondCrawlBrowserCollection : ICollectionFixture<SecondCrawlBrowserFixture>
{
    public const string Name = "Browser, page crawl, second instance";
}

/// <summary>
/// Starts the page crawl and the two demo instances' collections (the most journeys) first and the single-journey collections after
/// them, so that no long collection starts last and runs alone; the others keep the default order.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private static readonly string[] Longest = [SecondCrawlBrowserCollection.Name, CrawlBrowserCollection.Name, BrowserCollection.Name, SecondBrowserCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .Select((collection, index) => (Collection: collection, Index: index, Rank: Array.IndexOf(Longest, collection.DisplayName) is var rank and >= 0 ? rank : Longest.Length))
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.Index)
            .Select(c => c.Collection);
}
