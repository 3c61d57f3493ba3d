using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Samspil.Features.SmartApps;
using Samspil.IntegrationTests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Samspil.IntegrationTests.Fhir;

/// <summary>
/// Issue 20: SMART on FHIR App Launch (standalone, authorization code + PKCE, public clients). A citizen signs in with
/// the normal sign-in page, allows an app on the consent screen, the app redeems the code and reads with Firely's
/// FhirClient under the granted scopes; revoking the app ends its token. Hostile requests get OAuth errors.
/// </summary>
public abstract class SmartAppTests(SamspilFactory factory)
{
    private const string Redirect = "https://app.example/callback";

    [Fact]
    public async Task A_citizen_connects_an_app_with_PKCE_and_it_reads_only_her_own_data_until_she_revokes_it()
    {
        var clientId = await RegisterAsync("Min Sundhedsapp", ["patient/*.read", "launch/patient", "openid"]);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var (token, body) = await ConnectAsync(browser, "borger.preben", clientId, "patient/*.read launch/patient", "Min Sundhedsapp");

        var prebenId = await CitizenIdAsync("borger.preben");
        var abbyId = await CitizenIdAsync("borger.abby");
        Assert.Equal(prebenId.ToString("D"), body.GetProperty("patient").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Contains("patient/*.read", body.GetProperty("scope").GetString(), StringComparison.Ordinal);

        using var appHttp = factory.CreateClient();
        appHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var app = FhirTestSupport.Client(appHttp);

        var own = await app.ReadAsync<Patient>($"Patient/{prebenId}");
        FhirTestSupport.AssertValid(own!);
        Assert.Equal(prebenId.ToString("D"), own!.Id);

        var (writeStatus, writeOutcome) = await FhirTestSupport.RefusedAsync(() => app.CreateAsync(new Patient { Active = true }));
        Assert.Equal(HttpStatusCode.Forbidden, writeStatus);
        FhirTestSupport.AssertValid(writeOutcome!);

        var (otherStatus, otherOutcome) = await FhirTestSupport.RefusedAsync(() => app.ReadAsync<Patient>($"Patient/{abbyId}"));
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
        FhirTestSupport.AssertValid(otherOutcome!);

        // An app's token is not a key to the rest of the API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await appHttp.GetAsync("/api/v1/me")).StatusCode);

        // "Mine apps" lists it; revoking it there ends the token at once.
        var page = await browser.GetStringAsync("/Me/Apps");
        Assert.Contains("Min Sundhedsapp", page, StringComparison.Ordinal);
        var connected = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<SmartAppGrant>(), g => g.RevokedAt == null && db.Set<SmartApp>().Any(a => a.Id == g.AppId && a.ClientId == clientId)));
        var revoke = await browser.PostAsync("/Me/Apps?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grantId"] = connected.Id.ToString("D"),
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.DoesNotContain("Min Sundhedsapp", await browser.GetStringAsync("/Me/Apps"), StringComparison.Ordinal);

        var (revokedStatus, _) = await FhirTestSupport.RefusedAsync(() => app.ReadAsync<Patient>($"Patient/{prebenId}"));
        Assert.Equal(HttpStatusCode.Unauthorized, revokedStatus);
    }

    [Fact]
    public async Task A_staff_app_with_user_Patient_read_reads_Patients_but_no_other_type()
    {
        var clientId = await RegisterAsync("Fagsystem", ["user/Patient.read"]);
        using var clinicianHttp = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinicianHttp);
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var (token, body) = await ConnectAsync(browser, "behandler.odense", clientId, "user/Patient.read", "Fagsystem");
        Assert.False(body.TryGetProperty("patient", out _));

        using var appHttp = factory.CreateClient();
        appHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var app = FhirTestSupport.Client(appHttp);
        var patient = await app.ReadAsync<Patient>($"Patient/{citizenId}");
        FhirTestSupport.AssertValid(patient!);

        var (status, outcome) = await FhirTestSupport.RefusedAsync(() => app.SearchAsync<Organization>([]));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        FhirTestSupport.AssertValid(outcome!);

        // The user's own first-party token (no scopes) keeps working as before.
        var own = FhirTestSupport.Client(clinicianHttp);
        FhirTestSupport.AssertValid((await own.SearchAsync<Organization>([]))!);
    }

    [Fact]
    public async Task Discovery_and_the_CapabilityStatement_name_the_SMART_endpoints()
    {
        using var http = factory.CreateClient();
        var configuration = await http.GetFromJsonAsync<JsonElement>("/fhir/.well-known/smart-configuration");
        Assert.Equal("http://localhost/smart/authorize", configuration.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/smart/token", configuration.GetProperty("token_endpoint").GetString());
        Assert.Contains("S256", configuration.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));

        var statement = await FhirTestSupport.Client(http).CapabilityStatementAsync();
        FhirTestSupport.AssertValid(statement!);
        var oauth = Assert.Single(statement!.Rest[0].Security!.Extension, e => e.Url == "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        Assert.Equal("http://localhost/smart/token", Assert.IsType<FhirUri>(oauth.GetExtension("token")!.Value).Value);
    }

    [Fact]
    public async Task Hostile_authorization_and_token_requests_get_OAuth_errors_never_a_500()
    {
        var clientId = await RegisterAsync("Streng app", ["patient/*.read"]);
        using var browser = await factory.CookieClientAsync("borger.abby");
        var challenge = SmartAuthorizationServer.S256(NewVerifier());

        // No trustworthy redirect address: an error page, no redirect.
        foreach (var url in new[]
        {
            Authorize("unknown-client", Redirect, "patient/*.read", challenge),
            Authorize(clientId, "https://evil.example/callback", "patient/*.read", challenge),
            Authorize(new string('x', 5000), Redirect, "patient/*.read", challenge),
            Authorize(clientId, null, "patient/*.read", challenge),
        })
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            Assert.Contains("data-testid=\"smart-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Known redirect address: the error goes back to the app.
        foreach (var (url, error) in new[]
        {
            (Authorize(clientId, Redirect, "patient/*.read", null), "invalid_request"), // no PKCE
            (Authorize(clientId, Redirect, "patient/*.read", challenge, method: "plain"), "invalid_request"),
            (Authorize(clientId, Redirect, "patient/*.read user/*.read", challenge), "invalid_scope"), // escalation
            (Authorize(clientId, Redirect, "patient/*.write", challenge), "invalid_scope"),
            (Authorize(clientId, Redirect, "", challenge), "invalid_scope"),
            (Authorize(clientId, Redirect, "patient/*.read", challenge, responseType: "token"), "unsupported_response_type"),
            (Authorize(clientId, Redirect, "patient/*.read", challenge, aud: "https://other.example/fhir"), "invalid_request"),
            (Authorize(clientId, Redirect, "patient/*.read", challenge, state: "a\u0001b"), "invalid_request"),
        })
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            var location = response.Headers.Location!.ToString();
            Assert.StartsWith(Redirect + "?", location, StringComparison.Ordinal);
            Assert.Equal(error, QueryHelpers.ParseQuery(new Uri(location).Query)["error"].ToString());
        }

        // The token endpoint.
        using var anonymous = factory.CreateClient();
        foreach (var (form, status, error) in new (Dictionary<string, string>, HttpStatusCode, string)[]
        {
            (new() { ["grant_type"] = "password", ["client_id"] = clientId }, HttpStatusCode.BadRequest, "unsupported_grant_type"),
            (new() { ["grant_type"] = "authorization_code", ["client_id"] = "nobody", ["code"] = "x", ["redirect_uri"] = Redirect, ["code_verifier"] = NewVerifier() }, HttpStatusCode.Unauthorized, "invalid_client"),
            (new() { ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = "made-up", ["redirect_uri"] = Redirect, ["code_verifier"] = NewVerifier() }, HttpStatusCode.BadRequest, "invalid_grant"),
            (new() { ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = "made-up", ["redirect_uri"] = Redirect }, HttpStatusCode.BadRequest, "invalid_request"),
            (new() { ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = new string('c', 50_000), ["redirect_uri"] = Redirect, ["code_verifier"] = NewVerifier() }, HttpStatusCode.BadRequest, "invalid_request"),
        })
        {
            var response = await anonymous.PostAsync("/smart/token", new FormUrlEncodedContent(form));
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        var json = await anonymous.PostAsJsonAsync("/smart/token", new { grant_type = "authorization_code" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);

        // A real code with the wrong verifier is spent: the right verifier afterwards fails too.
        var verifier = NewVerifier();
        var consent = await browser.GetStringAsync(Authorize(clientId, Redirect, "patient/*.read", SmartAuthorizationServer.S256(verifier)));
        var allowed = await browser.PostAsync("/smart/authorize?handler=Allow", new FormUrlEncodedContent(ConsentForm(clientId, "patient/*.read", SmartAuthorizationServer.S256(verifier), consent)));
        var code = QueryHelpers.ParseQuery((await ContinuedToAsync(allowed)).Query)["code"].ToString();
        var wrong = await RedeemAsync(anonymous, clientId, code, NewVerifier());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await RedeemAsync(anonymous, clientId, code, verifier)).StatusCode);

        // Deny sends access_denied back.
        var denied = await browser.PostAsync("/smart/authorize?handler=Deny", new FormUrlEncodedContent(ConsentForm(clientId, "patient/*.read", challenge, consent)));
        Assert.Equal("access_denied", QueryHelpers.ParseQuery((await ContinuedToAsync(denied)).Query)["error"].ToString());
    }

    [Fact]
    public async Task Only_administrators_register_apps_and_bad_registrations_are_problem_details()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsJsonAsync("/api/v1/smart/apps", new { name = "X", redirectUris = new[] { Redirect }, scopes = new[] { "patient/*.read" } })).StatusCode);

        using var admin = await factory.ClientForAsync("admin.odense");
        foreach (var body in new object[]
        {
            new { name = "", redirectUris = new[] { Redirect }, scopes = new[] { "patient/*.read" } },
            new { name = "X", redirectUris = new[] { "http://evil.example/cb" }, scopes = new[] { "patient/*.read" } },
            new { name = "X", redirectUris = new[] { "https://app.example/cb#frag" }, scopes = new[] { "patient/*.read" } },
            new { name = "X", redirectUris = Array.Empty<string>(), scopes = new[] { "patient/*.read" } },
            new { name = "X", redirectUris = new[] { Redirect }, scopes = new[] { "system/*.read" } },
            new { name = "X", redirectUris = new[] { Redirect }, scopes = new[] { "patient/*.read" }, clientId = "bad id\u0001" },
            new { name = new string('n', 500), redirectUris = new[] { Redirect }, scopes = new[] { "patient/*.read" } },
        })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/smart/apps", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var created = await admin.PostAsJsonAsync("/api/v1/smart/apps", new { name = "Til sletning", redirectUris = new[] { "http://127.0.0.1:8765/cb" }, scopes = new[] { "patient/*.read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/smart/apps/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/smart/apps/{id}")).StatusCode);
    }

    private async Task<string> RegisterAsync(string name, string[] scopes)
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var response = await admin.PostAsJsonAsync("/api/v1/smart/apps", new { name, redirectUris = new[] { Redirect }, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetString()!;
    }

    /// <summary>The whole flow as a browser and an app do it: authorize → sign-in page → back → consent → allow → code → token.</summary>
    private async Task<(string Token, JsonElement Body)> ConnectAsync(HttpClient browser, string userName, string clientId, string scope, string appName)
    {
        var verifier = NewVerifier();
        var challenge = SmartAuthorizationServer.S256(verifier);
        var authorize = Authorize(clientId, Redirect, scope, challenge, state: "st-123");

        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var login = toLogin.Headers.Location!;
        Assert.StartsWith("/Account/Login", login.IsAbsoluteUri ? login.AbsolutePath : login.OriginalString, StringComparison.Ordinal);
        var loginPage = await browser.GetStringAsync(login);
        var signedIn = await browser.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = SamspilFactory.DemoPassword,
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(loginPage),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var back = signedIn.Headers.Location!.ToString();
        Assert.StartsWith("/smart/authorize?", back, StringComparison.Ordinal);

        var consent = await browser.GetAsync(back);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var html = await consent.Content.ReadAsStringAsync();
        Assert.Contains(appName, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"smart-allow\"", html, StringComparison.Ordinal);

        var allowed = await browser.PostAsync("/smart/authorize?handler=Allow", new FormUrlEncodedContent(ConsentForm(clientId, scope, challenge, html, state: "st-123")));
        var callback = await ContinuedToAsync(allowed);
        Assert.StartsWith(Redirect + "?", callback.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("st-123", query["state"].ToString());

        using var app = factory.CreateClient();
        var response = await RedeemAsync(app, clientId, query["code"].ToString(), verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        // The code works once.
        Assert.Equal(HttpStatusCode.BadRequest, (await RedeemAsync(app, clientId, query["code"].ToString(), verifier)).StatusCode);
        return (body.GetProperty("access_token").GetString()!, body);
    }

    /// <summary>
    /// Where the answer to the consent form sends the browser on: a page (200, not cached) with a meta refresh and a link to
    /// the app's redirect address, both the same absolute address — not a redirect, which the form's CSP would block.
    /// </summary>
    private static async Task<Uri> ContinuedToAsync(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore, "the page with the code is not stored");
        var html = await answer.Content.ReadAsStringAsync();
        var refresh = System.Text.RegularExpressions.Regex.Match(html, "<meta http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"");
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"([^\"]+)\" data-testid=\"smart-continue\"");
        Assert.True(refresh.Success && link.Success, "the page moves on with a meta refresh and a link");
        var to = System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
        Assert.Equal(to, System.Net.WebUtility.HtmlDecode(refresh.Groups[1].Value));
        return new Uri(to);
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient http, string clientId, string code, string verifier) =>
        http.PostAsync("/smart/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = verifier,
        }));

    private static Dictionary<string, string> ConsentForm(string clientId, string scope, string challenge, string html, string state = "s") => new()
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = Redirect,
        ["scope"] = scope,
        ["state"] = state,
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
        ["aud"] = "http://localhost/fhir",
        ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
    };

    private static string Authorize(string clientId, string? redirect, string scope, string? challenge, string method = "S256", string responseType = "code", string aud = "http://localhost/fhir", string state = "s")
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = responseType,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirect,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challenge is null ? null : method,
            ["aud"] = aud,
        };
        return QueryHelpers.AddQueryString("/smart/authorize", parameters.Where(p => p.Value is not null));
    }

    private static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private async Task<Guid> CitizenIdAsync(string userName)
    {
        using var http = await factory.ClientForAsync(userName);
        return (await http.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("citizenId").GetGuid();
    }
}

public sealed class SmartAppTestsOnSqlite(SqliteFactory factory) : SmartAppTests(factory), IClassFixture<SqliteFactory>;

public sealed class SmartAppTestsOnPostgres(PostgresFactory factory) : SmartAppTests(factory), IClassFixture<PostgresFactory>;
