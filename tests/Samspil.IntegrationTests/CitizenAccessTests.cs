using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samspil.Features.Administration;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 14, point 2: "Giv borgeren adgang" with a one-time activation letter, and a proxy's access from a
/// registered power of attorney (scope, period, ended). Activation with a password; the access policy
/// follows the power of attorney on every request.
/// </summary>
public abstract class CitizenAccessTests(SamspilFactory factory)
{
    private const string GoodPassword = "Borger-Adgang-2026";

    [Fact]
    public async Task A_clinician_gives_the_citizen_access_and_the_citizen_activates_with_a_password_and_sees_their_own_course_and_plan()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await NewCourseAsync(mette);

        Assert.Equal("None", (await mette.GetFromJsonAsync<JsonElement>($"/api/v1/citizens/{citizenId}/access", SamspilFactory.Json)).GetProperty("citizenLogin").GetString());
        var granted = await mette.PostAsync($"/api/v1/citizens/{citizenId}/access", null);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var body = await granted.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.GetProperty("code").GetString()!;
        Assert.Contains("/Account/Activate?code=", body.GetProperty("activationUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("Invited", (await mette.GetFromJsonAsync<JsonElement>($"/api/v1/citizens/{citizenId}/access", SamspilFactory.Json)).GetProperty("citizenLogin").GetString());

        // Only the hash of the code is stored.
        var userId = body.GetProperty("userId").GetGuid();
        Assert.False(await factory.WithDbAsync(db => db.StaffInvitations.AnyAsync(i => i.CodeHash == code)));

        var userName = "testa." + Guid.NewGuid().ToString("N")[..8];
        var activated = await ActivateAsync(code, userName, GoodPassword);
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);

        using var citizen = await SignInAsync(userName, GoodPassword);
        var courses = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses", SamspilFactory.Json);
        Assert.Contains(courses.EnumerateArray(), c => c.GetProperty("id").GetGuid() == courseId);
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);

        // The administration log says who gave access and that the citizen activated it.
        // (The test clock stands still, so both entries have the same time: compare them as a set.)
        var log = await factory.WithDbAsync(db => db.AdministrationLog.Where(e => e.TargetUserId == userId).ToListAsync());
        Assert.Equal([AdministrationAction.CitizenAccessGranted, AdministrationAction.AccountActivated], log.Select(e => e.Action).Order());
        var grant = log.Single(e => e.Action == AdministrationAction.CitizenAccessGranted);
        Assert.Equal("Mette Demo-Lindberg", grant.ActorName);
        Assert.Equal(citizenId, grant.CitizenId);

        // Activated: no new letter, and the course page no longer offers one.
        Assert.Equal(HttpStatusCode.Conflict, (await mette.PostAsync($"/api/v1/citizens/{citizenId}/access", null)).StatusCode);
        Assert.Equal("Active", (await mette.GetFromJsonAsync<JsonElement>($"/api/v1/citizens/{citizenId}/access", SamspilFactory.Json)).GetProperty("citizenLogin").GetString());
    }

    [Fact]
    public async Task A_code_works_once_a_new_letter_replaces_the_old_one_and_an_expired_code_gets_a_plain_danish_page()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        var first = await CodeAsync(await mette.PostAsync($"/api/v1/citizens/{citizenId}/access", null));
        var second = await CodeAsync(await mette.PostAsync($"/api/v1/citizens/{citizenId}/access", null));

        using var anonymous = factory.CreateClient();
        var replaced = await anonymous.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(first));
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Contains("Invitationen er ugyldig", await replaced.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var name = "once." + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(second, name, GoodPassword)).StatusCode);
        var again = await anonymous.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(second));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        // An expired code: a new citizen, the letter's code is 8 days old.
        var (_, otherCitizen) = await NewCourseAsync(mette);
        var granted = await (await mette.PostAsync($"/api/v1/citizens/{otherCitizen}/access", null)).Content.ReadFromJsonAsync<JsonElement>();
        var userId = granted.GetProperty("userId").GetGuid();
        await factory.WithDbAsync(async db =>
        {
            var invitation = await db.StaffInvitations.SingleAsync(i => i.UserId == userId && i.UsedAt == null);
            db.Entry(invitation).Property(i => i.ExpiresAt).CurrentValue = factory.Time.GetUtcNow().AddDays(-1);
            return await db.SaveChangesAsync();
        });
        var expired = await anonymous.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(granted.GetProperty("code").GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("Koden virker kun én gang og kun i 7 dage", WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // A posted form with an expired code sets no password.
        Assert.Equal(HttpStatusCode.NotFound, (await ActivateAsync(granted.GetProperty("code").GetString()!, "late." + Guid.NewGuid().ToString("N")[..8], GoodPassword, expectForm: false)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task A_weak_password_or_a_taken_user_name_is_a_readable_message_and_the_code_stays_usable()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        var code = await CodeAsync(await mette.PostAsync($"/api/v1/citizens/{citizenId}/access", null));

        var weak = await ActivateAsync(code, "weak." + Guid.NewGuid().ToString("N")[..8], "kort");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("Adgangskoden skal være mindst 10 tegn", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var taken = await ActivateAsync(code, "behandler.odense", GoodPassword);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("Brugernavnet er optaget", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var control = await ActivateAsync(code, "bad\u0001name", GoodPassword);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Contains("Brugernavnet skal være 3–64 tegn", WebUtility.HtmlDecode(await control.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(code, "good." + Guid.NewGuid().ToString("N")[..8], GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task Staff_without_access_to_the_citizen_get_404_everywhere_and_nothing_is_written()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var (courseId, citizenId) = await NewCourseAsync(mette, cpr);
        var before = await factory.WithDbAsync(db => db.Users.CountAsync(u => u.CitizenId == citizenId));

        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/citizens/{citizenId}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/citizens/{citizenId}/access", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney")).StatusCode);

        // The attack: registering a power of attorney for a stranger's citizen to get a login for them.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", PowerOfAttorney(), SamspilFactory.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mette.PostAsync($"/api/v1/citizens/{Guid.NewGuid()}/access", null)).StatusCode);

        // Registering a course with the citizen's CPR number is no basis either (ADR 0013): still 404, and no card on that course.
        var request = await TestData.CourseRequestAsync(stranger, cpr, givenName: "Ukendt");
        request["regionOrganizationId"] = null;
        request["municipalityOrganizationId"] = await TestData.OrganizationIdAsync(stranger, "Jobcenter Fredericia");
        var created = await stranger.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attackerCourseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", PowerOfAttorney(), SamspilFactory.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/citizens/{citizenId}/access", null)).StatusCode);

        using var page = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.DoesNotContain("Giv borgeren adgang", await page.GetStringAsync($"/Courses/{attackerCourseId}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/Courses/{attackerCourseId}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/Courses/{courseId}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/Courses/{courseId}/access/power-of-attorney")).StatusCode);

        // A citizen is not staff: the API is closed to them.
        using var louise = await factory.ClientForAsync("borger.louise");
        Assert.Equal(HttpStatusCode.Forbidden, (await louise.PostAsync($"/api/v1/citizens/{citizenId}/access", null)).StatusCode);

        Assert.Equal(before, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.CitizenId == citizenId)));
        Assert.False(await factory.WithDbAsync(db => db.PowersOfAttorney.AnyAsync(p => p.CitizenId == citizenId)));
    }

    [Theory]
    [InlineData("proxyName", "LONG")]
    [InlineData("proxyName", "CONTROL")]
    [InlineData("proxyName", "")]
    [InlineData("relation", "LONG")]
    [InlineData("email", "ikke-en-adresse")]
    [InlineData("validTo", "BEFORE")]
    [InlineData("validTo", "2026-13-45")]
    [InlineData("validFrom", "")]
    [InlineData("categories", "NONE")]
    [InlineData("categories", "ConsentOverview")]
    [InlineData("categories", "Everything")]
    [InlineData("documentReference", "")]
    [InlineData("documentId", "UNKNOWN")]
    public async Task Hostile_power_of_attorney_input_is_a_400_problem_and_nothing_is_half_written(string field, string value)
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        var users = await factory.WithDbAsync(db => db.Users.CountAsync());
        var body = PowerOfAttorney();
        body[field] = value switch
        {
            "LONG" => new string('x', 5000),
            "CONTROL" => "Søster\u0000Louise",
            "" => null,
            "BEFORE" => "2026-01-01",
            "NONE" => Array.Empty<string>(),
            "ConsentOverview" or "Everything" => new[] { value },
            "UNKNOWN" => Guid.NewGuid(),
            _ => value,
        };

        var response = await mette.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", body, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(users, await factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.False(await factory.WithDbAsync(db => db.PowersOfAttorney.AnyAsync(p => p.CitizenId == citizenId)));
    }

    [Fact]
    public async Task A_document_that_is_not_a_pdf_or_an_image_is_refused_and_a_real_pdf_can_be_registered()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);

        using var fake = new MultipartFormDataContent();
        var exe = new ByteArrayContent("MZ\u0090\0 not a pdf"u8.ToArray());
        exe.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        fake.Add(exe, "file", "fuldmagt.pdf");
        var refused = await mette.PostAsync($"/api/v1/citizens/{citizenId}/power-of-attorney-documents", fake);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var real = new MultipartFormDataContent();
        var pdf = new ByteArrayContent(TestData.Pdf);
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        real.Add(pdf, "file", "fuldmagt.pdf");
        var uploaded = await mette.PostAsync($"/api/v1/citizens/{citizenId}/power-of-attorney-documents", real);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var documentId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();

        var body = PowerOfAttorney();
        body["documentReference"] = null;
        body["documentId"] = documentId;
        var registered = await mette.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", body, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(documentId, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("powerOfAttorney").GetProperty("documentId").GetGuid());
    }

    [Fact]
    public async Task A_proxy_reads_only_what_the_power_of_attorney_covers_and_only_while_it_is_valid()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await NewCourseAsync(mette);
        var body = PowerOfAttorney(categories: ["StatusAndAppointments"]);
        var registered = await mette.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", body, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var answer = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var powerId = answer.GetProperty("powerOfAttorney").GetProperty("id").GetGuid();
        var name = "proxy." + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(answer.GetProperty("code").GetString()!, name, GoodPassword)).StatusCode);

        using var proxy = await SignInAsync(name, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, (await proxy.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        // The plan is outside the scope: as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);

        // No consent right in this power of attorney: the proxy cannot give one on the citizen's behalf.
        var consent = await proxy.PostAsJsonAsync("/api/v1/me/consents", new { categories = new[] { "StatusAndAppointments" }, purposes = new[] { "Coordination" }, recipients = Array.Empty<object>() }, SamspilFactory.Json);
        Assert.NotEqual(HttpStatusCode.Created, consent.StatusCode);

        // The end date passes (yesterday, Copenhagen time): nothing is readable any more.
        await factory.WithDbAsync(async db =>
        {
            db.SystemSeeding = true; // the calendar moves on, not a user: no access-log entry
            var power = await db.PowersOfAttorney.SingleAsync(p => p.Id == powerId);
            db.Entry(power).Property(p => p.ValidTo).CurrentValue = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).AddDays(-1);
            db.Entry(power).Property(p => p.ValidFrom).CurrentValue = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).AddDays(-30);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        Assert.DoesNotContain((await proxy.GetFromJsonAsync<JsonElement>("/api/v1/courses", SamspilFactory.Json)).EnumerateArray(), c => c.GetProperty("id").GetGuid() == courseId);
    }

    [Fact]
    public async Task A_power_of_attorney_that_starts_later_opens_nothing_yet()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await NewCourseAsync(mette);
        var body = PowerOfAttorney();
        body["validFrom"] = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var answer = await (await mette.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", body, SamspilFactory.Json)).Content.ReadFromJsonAsync<JsonElement>();
        var name = "later." + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(answer.GetProperty("code").GetString()!, name, GoodPassword)).StatusCode);
        using var proxy = await SignInAsync(name, GoodPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
    }

    [Fact]
    public async Task Ending_a_power_of_attorney_ends_the_proxys_live_token_and_cookie_on_their_next_request()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await NewCourseAsync(mette);
        var answer = await (await mette.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", PowerOfAttorney(), SamspilFactory.Json)).Content.ReadFromJsonAsync<JsonElement>();
        var powerId = answer.GetProperty("powerOfAttorney").GetProperty("id").GetGuid();
        var proxyUserId = answer.GetProperty("proxyUserId").GetGuid();
        var name = "ended." + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(answer.GetProperty("code").GetString()!, name, GoodPassword)).StatusCode);

        using var token = await SignInAsync(name, GoodPassword);
        using var cookie = await CookieSignInAsync(name, GoodPassword);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        var ended = await mette.PostAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney/{powerId}/end", null);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.False((await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inForce").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await cookie.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = name, password = GoodPassword })).StatusCode);

        // Ending twice is a conflict; the administration log has the grant and the end.
        Assert.Equal(HttpStatusCode.Conflict, (await mette.PostAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney/{powerId}/end", null)).StatusCode);
        var actions = await factory.WithDbAsync(db => db.AdministrationLog.Where(e => e.TargetUserId == proxyUserId).Select(e => e.Action).ToListAsync());
        Assert.Contains(AdministrationAction.ProxyAccessGranted, actions);
        Assert.Contains(AdministrationAction.ProxyAccessEnded, actions);
        Assert.Contains(AdministrationAction.AccountActivated, actions);
    }

    [Fact]
    public async Task The_course_page_offers_Giv_borgeren_adgang_and_prints_a_letter_with_the_code_and_no_cpr()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var (courseId, _) = await NewCourseAsync(mette, cpr);
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = await browser.GetStringAsync($"/Courses/{courseId}");
        Assert.Contains("Giv borgeren adgang", page, StringComparison.Ordinal);

        var letter = await browser.PostAsync($"/Courses/{courseId}/access", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        var html = WebUtility.HtmlDecode(await letter.Content.ReadAsStringAsync());
        Assert.Contains("Sådan får du adgang til Samspil", html, StringComparison.Ordinal);
        Assert.Contains("How to get access to Samspil", html, StringComparison.Ordinal);
        Assert.Contains("MitID", html, StringComparison.Ordinal);
        Assert.DoesNotContain(cpr, html, StringComparison.Ordinal);
        Assert.DoesNotContain(cpr[..6] + "-" + cpr[6..], html, StringComparison.Ordinal);
        var code = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"letter-code\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(code);
        var activation = await factory.CreateClient().GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
        Assert.Equal(HttpStatusCode.OK, activation.StatusCode);

        // Without the link, the page asks for the code from the letter.
        var typed = await factory.CreateClient().GetAsync("/Account/Activate");
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        Assert.Contains("Koden fra dit brev", WebUtility.HtmlDecode(await typed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_proxy_reads_Louise_through_her_registered_power_of_attorney()
    {
        using var proxy = await factory.ClientForAsync("paaroerende.louise");
        var courses = await proxy.GetFromJsonAsync<JsonElement>("/api/v1/courses", SamspilFactory.Json);
        Assert.NotEmpty(courses.EnumerateArray());
        Assert.True(await factory.WithDbAsync(db => db.PowersOfAttorney.AnyAsync(p => p.EndedAt == null && db.Users.Any(u => u.Id == p.ProxyUserId && u.UserName == "paaroerende.louise"))));
    }

    private static Dictionary<string, object?> PowerOfAttorney(string[]? categories = null) => new()
    {
        ["proxyName"] = "Søster Testesen",
        ["relation"] = "søster",
        ["email"] = "soester@example.org",
        ["phone"] = "+45 11 22 33 44",
        ["documentReference"] = "J.nr. 2026-123",
        ["validFrom"] = "2026-11-01",
        ["validTo"] = "2027-11-01",
        ["categories"] = categories ?? ["StatusAndAppointments", "PlanAndGoals", "MeetingsAndMinutes"],
        ["mayConsent"] = false,
    };

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>Opens the activation page for the code and posts the password form, as a browser does.</summary>
    private async Task<HttpResponseMessage> ActivateAsync(string code, string userName, string password, bool expectForm = true)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var url = "/Account/Activate?code=" + Uri.EscapeDataString(code);
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (expectForm)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
            ["Code"] = code,
            ["Username"] = userName,
            ["Password"] = password,
            ["ConfirmPassword"] = password,
        }));
    }

    private async Task<HttpClient> SignInAsync(string userName, string password)
    {
        using var anonymous = factory.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpClient> CookieSignInAsync(string userName, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<(Guid CourseId, Guid CitizenId)> NewCourseAsync(HttpClient client, string? cpr = null)
    {
        var course = await TestData.CreateCourseAsync(client, cpr);
        return (course.GetProperty("id").GetGuid(), course.GetProperty("citizen").GetProperty("id").GetGuid());
    }
}

public sealed class CitizenAccessTestsOnSqlite(SqliteFactory factory) : CitizenAccessTests(factory), IClassFixture<SqliteFactory>;

public sealed class CitizenAccessTestsOnPostgres(PostgresFactory factory) : CitizenAccessTests(factory), IClassFixture<PostgresFactory>;
