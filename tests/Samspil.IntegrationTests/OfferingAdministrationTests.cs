using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 18, offerings: an organisation's administrator creates, changes and deactivates the offerings of their own
/// organisation tree, through the API (If-Match on PUT) and the pages; anyone reads one offering with "open now" and
/// the next change computed in Copenhagen time. Another tree's offerings do not exist for an administrator (404), and
/// creating one for an organisation outside the tree is 403. Hostile input is problem details and writes nothing.
/// The tests' now is Sunday 22 November 2026, 10:00 in Copenhagen.
/// </summary>
public abstract class OfferingAdministrationTests(SamspilFactory factory)
{
    private const string Admin = "admin.traume";

    [Fact]
    public async Task An_administrator_creates_changes_and_deactivates_an_offering_which_anyone_reads_with_its_state_now()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var clinic = await OrganizationIdAsync("Traumeklinikken Odense");
        var created = await admin.PostAsJsonAsync("/api/v1/offerings", Body(clinic, "Åben rådgivning (test)", periods:
        [
            new { day = "Sunday", opens = "08:00", closes = "16:00" },
            new { day = "Friday", opens = "22:00", closes = "02:00" },
        ], exceptions: [new { date = "2026-12-24", closed = true, note = "Juleaften" }, new { date = "2026-12-25", closed = false, opens = "10:00", closes = "12:00" }]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var offering = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = offering.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/offerings/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Traumeklinikken Odense", offering.GetProperty("organizationName").GetString());

        // Public, signed in or not: open now (Sunday 10:00), closing at 16:00 Copenhagen time (15:00 UTC).
        using var anonymous = factory.CreateClient();
        var read = await anonymous.GetAsync($"/api/v1/offerings/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        var view = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("openNow").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero), view.GetProperty("nextChange").GetDateTimeOffset());
        Assert.Equal("2026-11-22T16:00", view.GetProperty("nextChangeLocal").GetString());
        Assert.Equal(["Friday 22:00-02:00", "Sunday 08:00-16:00"], view.GetProperty("periods").EnumerateArray()
            .Select(p => $"{p.GetProperty("day").GetString()} {p.GetProperty("opens").GetString()}-{p.GetProperty("closes").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal("2026-12-24", view.GetProperty("exceptions")[0].GetProperty("date").GetString());
        Assert.True(view.GetProperty("exceptions")[0].GetProperty("closed").GetBoolean());
        Assert.Equal(["630"], view.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith("https://www.openstreetmap.org/", view.GetProperty("mapUrl").GetString(), StringComparison.Ordinal);

        // A change needs the version read: 428 without, 412 with an older one (and nothing is written).
        var change = Body(clinic, "Åben rådgivning, ændret (test)", alwaysOpen: true, closedOnPublicHolidays: false);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutAsync(admin, id, null, change)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(admin, id, "\"not a version!\"", change)).StatusCode);
        var first = await PutAsync(admin, id, etag, change);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag?.Tag);
        var always = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(always.GetProperty("openNow").GetBoolean());
        Assert.Equal(JsonValueKind.Null, always.GetProperty("nextChange").ValueKind);
        var stale = await PutAsync(admin, id, etag, Body(clinic, "Den andens navn"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Åben rådgivning, ændret (test)", await factory.WithDbAsync(db => db.Offerings.Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));

        // Deactivated: gone for the public, still there for its administrator.
        var deactivated = await PutAsync(admin, id, "*", Body(clinic, "Åben rådgivning, ændret (test)", status: "Inactive"));
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/offerings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/offerings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/offerings/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Only_the_administrators_of_the_offerings_tree_maintain_it()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var clinic = await OrganizationIdAsync("Traumeklinikken Vejle");
        var created = await admin.PostAsJsonAsync("/api/v1/offerings", Body(clinic, "Traumegruppe Vejle (test)"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The municipality's administrator: the clinic's offering does not exist for them, and they cannot add one to the clinic.
        using var other = await factory.ClientForAsync("admin.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(other, id, "*", Body(clinic, "Overtaget"))).StatusCode);
        var foreign = await other.PostAsJsonAsync("/api/v1/offerings", Body(clinic, "Kommunens tilbud i klinikken"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        var municipality = await OrganizationIdAsync("Odense Kommune");
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(admin, id, "*", Body(municipality, "Flyttet ud af træet"))).StatusCode);

        // A regular professional and an anonymous visitor maintain nothing.
        using var professional = await factory.ClientForAsync("behandler.vejle");
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.PostAsJsonAsync("/api/v1/offerings", Body(clinic, "Mit eget"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(professional, id, "*", Body(clinic, "Mit eget"))).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/offerings", Body(clinic, "Anonymt"))).StatusCode);

        Assert.Equal("Traumegruppe Vejle (test)", await factory.WithDbAsync(db => db.Offerings.Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Offerings.CountAsync(o => o.Name == "Kommunens tilbud i klinikken" || o.Name == "Mit eget" || o.Name == "Anonymt")));

        // The pages: the other administrator's list does not show it, and its edit page is 404.
        using var otherBrowser = await factory.CookieClientAsync("admin.odense");
        Assert.DoesNotContain("Traumegruppe Vejle (test)", await otherBrowser.GetStringAsync("/Admin/Offerings"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/Admin/Offerings/Edit/{id}")).StatusCode);
        using var professionalBrowser = await factory.CookieClientAsync("behandler.vejle");
        var denied = await professionalBrowser.GetAsync("/Admin/Offerings");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task Hostile_input_is_a_problem_on_its_field_and_writes_nothing()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var clinic = await OrganizationIdAsync("Traumeklinikken Odense");
        var before = await factory.WithDbAsync(db => db.Offerings.CountAsync());
        object[] fiftyOne = Enumerable.Range(0, 51).Select(i => (object)new { day = "Monday", opens = "08:00", closes = "09:00" }).ToArray();
        (string Field, object Body)[] cases =
        [
            ("periods[0]", Body(clinic, "X", periods: [new { day = "Monday", opens = "25:00", closes = "16:00" }])),
            ("periods[0]", Body(clinic, "X", periods: [new { day = "Monday", opens = "8 am", closes = "16:00" }])),
            ("periods[0].day", Body(clinic, "X", periods: [new { day = (string?)null, opens = "08:00", closes = "16:00" }])),
            ("periods", Body(clinic, "X", periods: fiftyOne)),
            ("periods", Body(clinic, "X", alwaysOpen: true, periods: [new { day = "Monday", opens = "08:00", closes = "16:00" }])),
            ("exceptions[0].date", Body(clinic, "X", exceptions: [new { date = "24-12-2026", closed = true }])),
            ("exceptions[0]", Body(clinic, "X", exceptions: [new { date = "2026-12-24", closed = false, opens = "10:00" }])),
            ("exceptions", Body(clinic, "X", exceptions: [new { date = "2026-12-24", closed = true }, new { date = "2026-12-24", closed = false, opens = "10:00", closes = "12:00" }])),
            ("municipalities", Body(clinic, "X", municipalities: ["999"])),
            ("url", Body(clinic, "X", url: "javascript:alert(1)")),
            ("name", Body(clinic, new string('x', 201))),
            ("name", Body(clinic, "Navn\u0000med NUL")),
            ("description", Body(clinic, "X", description: "Tekst\u001b[31m")),
            ("needs", Body(clinic, "X", needs: ["not-a-need"])),
            ("targetGroups", Body(clinic, "X", targetGroups: ["no-such-group"])),
            ("languages", Body(clinic, "X", languages: ["dansk"])),
            ("email", Body(clinic, "X", email: "a@b@c")),
            ("minimumAge", Body(clinic, "X", minimumAge: 70, maximumAge: 18)),
            ("organizationId", Body(null, "X")),
        ];
        foreach (var (field, body) in cases)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/offerings", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString();
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.DoesNotContain("Offering.", message, StringComparison.Ordinal); // a text, not a key
        }

        // Wrong JSON types and an unknown enum value are 400, not 500.
        foreach (var raw in new[] { "{\"organizationId\":\"" + clinic + "\",\"name\":\"X\",\"description\":\"Y\",\"isFree\":\"maybe\"}", "{\"name\":42", "{\"organizationId\":\"" + clinic + "\",\"name\":\"X\",\"description\":\"Y\",\"status\":\"Deleted\"}" })
        {
            using var content = new StringContent(raw, Encoding.UTF8, "application/json");
            var response = await admin.PostAsync("/api/v1/offerings", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.Offerings.CountAsync()));
    }

    [Fact]
    public async Task The_edit_page_saves_weekly_hours_a_night_period_and_an_exception_and_explains_a_half_filled_row()
    {
        using var browser = await factory.CookieClientAsync(Admin);
        var clinic = await OrganizationIdAsync("Traumeklinikken Odense");
        var page = await browser.GetStringAsync("/Admin/Offerings/Edit");
        Assert.Contains("name=\"Form.Days[6].Opens\"", page, StringComparison.Ordinal);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
            ["Form.OrganizationId"] = clinic.ToString(),
            ["Form.Name"] = "Nattelefonen (sidetest)",
            ["Form.Description"] = "Nogen at tale med om natten.",
            ["Form.Access"] = "SelfReferral",
            ["Form.Languages"] = "da, EN",
            ["Form.Municipalities"] = "461",
            ["Form.IsFree"] = "true",
            ["Form.ClosedOnPublicHolidays"] = "true",
            ["Form.IsAfterHours"] = "true",
            ["Form.Latitude"] = "55,3959",
            ["Form.Longitude"] = "10.3883",
        };
        for (var i = 0; i < 7; i++)
        {
            form[$"Form.Days[{i}].Day"] = ((DayOfWeek)((i + 1) % 7)).ToString();
        }

        form["Form.Days[0].Opens"] = "8.00"; // Monday, in a Danish way of writing it
        form["Form.Days[0].Closes"] = "16:00";
        form["Form.Days[6].Opens"] = "09:00"; // Sunday, half filled
        form["Form.Extra[0].Day"] = "Friday";
        form["Form.Extra[0].Opens"] = "22:00";
        form["Form.Extra[0].Closes"] = "02:00";
        form["Form.Exceptions[0].Date"] = "24-12-2026";
        form["Form.Exceptions[0].Closed"] = "true";
        form["Form.Exceptions[0].Note"] = "Juleaften";

        var refused = await browser.PostAsync("/Admin/Offerings/Edit", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Skriv både åbner og lukker.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Nattelefonen (sidetest)\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Offerings.CountAsync(o => o.Name == "Nattelefonen (sidetest)")));

        form["Form.Days[6].Opens"] = string.Empty;
        form["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html);
        var saved = await browser.PostAsync("/Admin/Offerings/Edit", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var offering = await factory.WithDbAsync(db => db.Offerings.AsNoTracking().SingleAsync(o => o.Name == "Nattelefonen (sidetest)"));
        Assert.Equal(["Friday 22:00-02:00", "Monday 08:00-16:00"], offering.Periods.Select(p => $"{p.Day} {p.Opens:HH\\:mm}-{p.Closes:HH\\:mm}").Order(StringComparer.Ordinal));
        Assert.Equal(new DateOnly(2026, 12, 24), Assert.Single(offering.Exceptions).Date);
        Assert.Equal(["da", "en"], offering.Languages);
        Assert.Equal(55.3959m, offering.Latitude);
        Assert.True(offering.IsAfterHours);
        Assert.False(offering.InterpreterAvailable);
        Assert.Equal($"/Admin/Offerings/Edit/{offering.Id}", saved.Headers.Location?.OriginalString);

        // The edit page shows the coming week and the state now; the list has the offering.
        var edit = await browser.GetStringAsync($"/Admin/Offerings/Edit/{offering.Id}");
        Assert.Contains("data-testid=\"offering-week\"", edit, StringComparison.Ordinal);
        Assert.Contains("Lukket · åbner i morgen kl. 08:00", edit, StringComparison.Ordinal);
        Assert.Contains("22:00–02:00", edit, StringComparison.Ordinal);
        Assert.Contains("Nattelefonen (sidetest)", await browser.GetStringAsync("/Admin/Offerings"), StringComparison.Ordinal);

        // Deactivated from the page, with the version it was read at.
        var editForm = new Dictionary<string, string>(form)
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(edit),
            ["Form.Status"] = "Inactive",
            ["Form.Version"] = System.Text.RegularExpressions.Regex.Match(edit, "name=\"Form.Version\" value=\"([0-9a-f]+)\"").Groups[1].Value,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/Admin/Offerings/Edit/{offering.Id}", new FormUrlEncodedContent(editForm))).StatusCode);
        Assert.Equal(Samspil.Domain.Offerings.OfferingStatus.Inactive, await factory.WithDbAsync(db => db.Offerings.Where(o => o.Id == offering.Id).Select(o => o.Status).SingleAsync()));

        // The same stale version again: a readable message, not a 500.
        var again = await browser.PostAsync($"/Admin/Offerings/Edit/{offering.Id}", new FormUrlEncodedContent(editForm));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("En anden har ændret tilbuddet", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static object Body(
        Guid? organizationId,
        string name,
        string description = "Rådgivning for borgere og pårørende.",
        string status = "Active",
        bool alwaysOpen = false,
        bool closedOnPublicHolidays = true,
        object[]? periods = null,
        object[]? exceptions = null,
        string[]? municipalities = null,
        string? url = "https://example.dk/tilbud",
        string[]? needs = null,
        string[]? targetGroups = null,
        string[]? languages = null,
        string? email = null,
        int? minimumAge = null,
        int? maximumAge = null) => new
        {
            organizationId,
            name,
            description,
            status,
            needs = needs ?? ["mental-health", "relatives"],
            targetGroups = targetGroups ?? ["ptsd-refugee"],
            languages = languages ?? ["da", "ar"],
            minimumAge,
            maximumAge,
            access = "SelfReferralOrReferral",
            municipalities = municipalities ?? ["630"],
            street = "Demovej 18",
            postalCode = "5000",
            city = "Odense C",
            phone = "70 00 00 11",
            email,
            url,
            isAfterHours = true,
            alwaysOpen,
            closedOnPublicHolidays,
            periods = periods ?? [],
            exceptions = exceptions ?? [],
        };

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string? ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/offerings/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private Task<Guid> OrganizationIdAsync(string name) =>
        factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
}

public sealed class OfferingAdministrationTestsOnSqlite(SqliteFactory factory) : OfferingAdministrationTests(factory), IClassFixture<SqliteFactory>;

public sealed class OfferingAdministrationTestsOnPostgres(PostgresFactory factory) : OfferingAdministrationTests(factory), IClassFixture<PostgresFactory>;
