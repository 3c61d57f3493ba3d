using Microsoft.Playwright;

namespace Samspil.BrowserTests;

/// <summary>Issue 12, finding 5, on the real Kestrel server and in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeaderTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Kestrel_answers_carry_the_security_headers_and_no_Server_header()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        foreach (var path in new[] { "/Account/Login", "/css/site.css", "/js/print.js", "/findes-ikke", "/api/v1/courses" })
        {
            using var response = await http.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server header");
            Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task Chromium_refuses_an_injected_inline_script()
    {
        // A context of its own: the fixture's pages count every violation as a failure, and this one is on purpose.
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        var reported = await page.EvaluateAsync<bool>(@"() => new Promise(resolve => {
            document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = true;';
            document.body.appendChild(script);
            setTimeout(() => resolve(false), 3000);
        })");
        Assert.True(reported);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__inlineRan === true"));
    }
}
