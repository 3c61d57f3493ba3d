using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Samspil.Features.SmartApps;

namespace Samspil.BrowserTests;

/// <summary>
/// Issue 20, SMART app launch as a citizen does it on a phone: an app sends Preben to Samspil's authorize page, he signs in,
/// reads what the app asks for on the consent screen and allows it; the app redeems the code and reads his Patient; on
/// "Mine apps" (linked from his home page) he removes the app's access, and its token stops at once. Both pages pass axe
/// and fit a 375 px screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SmartAppJourneyTests(BrowserFixture fixture)
{
    private const string AppName = "Min Dagbog (browsertest)";
    private const string Redirect = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task A_citizen_on_a_phone_connects_an_app_on_the_consent_screen_and_removes_it_again_on_Mine_apps()
    {
        var clientId = await RegisterAppAsync();
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var authorize = QueryHelpers.AddQueryString("/smart/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = Redirect,
            ["scope"] = "patient/*.read launch/patient",
            ["state"] = "browser-state",
            ["code_challenge"] = SmartAuthorizationServer.S256(verifier),
            ["code_challenge_method"] = "S256",
            ["aud"] = fixture.BaseUrl.TrimEnd('/') + "/fhir",
        });

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(375, 812);
        // The app's redirect target is not a real server: the browser's request to it is answered here, and its address kept.
        string? callback = null;
        await page.RouteAsync(Redirect + "**", async route =>
        {
            callback = route.Request.Url;
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><html lang=\"da\"><title>App</title><p>Tilbage i appen</p></html>" });
        });

        // Not signed in: the ordinary sign-in first, then back to the consent screen.
        await page.GotoAsync(authorize);
        await page.GetByLabel("Brugernavn").FillAsync("borger.preben");
        await page.GetByLabel("Adgangskode").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Giv en app adgang", Level = 1 })).ToBeVisibleAsync();
        var consent = page.GetByTestId("smart-consent");
        await Assertions.Expect(consent).ToContainTextAsync($"{AppName} vil gerne læse:");
        await Assertions.Expect(consent).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(consent.Locator("li")).Not.ToHaveCountAsync(0);
        await PageChecks.CheckAsync(page, 375, "smart-consent");

        await page.GetByTestId("smart-allow").ClickAsync();
        await Assertions.Expect(page.GetByText("Tilbage i appen")).ToBeVisibleAsync();
        Assert.NotNull(callback);
        var query = QueryHelpers.ParseQuery(new Uri(callback!).Query);
        Assert.Equal("browser-state", query["state"].ToString());

        // The app redeems the code and reads the citizen it was launched for.
        using var app = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var redeemed = await app.PostAsync("/smart/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var token = await redeemed.Content.ReadFromJsonAsync<JsonElement>();
        var patient = token.GetProperty("patient").GetString();
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/fhir/Patient/{patient}")).StatusCode);

        // Mine apps, from the home page: the app and what it may read; removing it ends its token.
        await page.GotoAsync("/");
        await page.GetByTestId("home-apps-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mine apps", Level = 1 })).ToBeVisibleAsync();
        var connected = page.GetByTestId("connected-app").Filter(new() { HasText = AppName });
        await Assertions.Expect(connected).ToContainTextAsync("Må læse:");
        await PageChecks.CheckAsync(page, 375, "smart-my-apps");
        await connected.GetByRole(AriaRole.Button, new() { Name = $"Fjern adgang for {AppName}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Appen har ikke længere adgang.");
        await Assertions.Expect(page.GetByTestId("connected-app").Filter(new() { HasText = AppName })).ToHaveCountAsync(0);
        await PageChecks.AssertAccessibleAsync(page);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync($"/fhir/Patient/{patient}")).StatusCode);
    }

    /// <summary>An administrator registers the app through the API, as an operator does.</summary>
    private async Task<string> RegisterAppAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var signedIn = await (await admin.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin.odense", password = BrowserFixture.DemoPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.GetProperty("accessToken").GetString());
        var created = await admin.PostAsJsonAsync("/api/v1/smart/apps", new { name = AppName, redirectUris = new[] { Redirect }, scopes = new[] { "patient/*.read", "launch/patient" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetString()!;
    }
}
