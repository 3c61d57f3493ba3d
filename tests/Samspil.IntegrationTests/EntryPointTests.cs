using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Samspil.Domain.Directory;
using Samspil.Features.EntryPoints;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 18, point 2: "Hvor henvender jeg mig?" — the municipality's entry point for a target group, public to anyone
/// (page and API, signed in or not), with contact, opening hours and open-now state; the organisation's municipality;
/// and the box on the citizen's and proxy's home page. The fixed clock is Sunday 22 November 2026, 10:00 in Denmark.
/// </summary>
public abstract class EntryPointTests(SamspilFactory factory)
{
    private static readonly string[] DemoMunicipalities = ["461", "621", "630", "607", "573"];

    [Fact]
    public async Task An_anonymous_visitor_gets_Vejles_entry_point_for_refugees_with_contact_and_closed_until_Monday_morning()
    {
        using var anonymous = factory.CreateClient();
        var answer = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/entry-points?municipality=630&targetGroup=ptsd-refugee", SamspilFactory.Json);

        Assert.Equal("Vejle", answer.GetProperty("municipalityName").GetString());
        Assert.Equal("Flygtninge med PTSD", answer.GetProperty("targetGroupName").GetString());
        var unit = Assert.Single(answer.GetProperty("entryPoints").EnumerateArray());
        Assert.Equal("Flygtninge- og veterankoordinator, Vejle Kommune", unit.GetProperty("name").GetString());
        Assert.Equal("tel:72000330", unit.GetProperty("telHref").GetString());
        Assert.StartsWith("https://www.openstreetmap.org/search?query=", unit.GetProperty("mapUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains("@", unit.GetProperty("email").GetString(), StringComparison.Ordinal);

        // Office hours Monday to Friday: on a Sunday morning it is closed and opens Monday at 09:00 Danish time.
        var hours = unit.GetProperty("hours");
        Assert.False(hours.GetProperty("openNow").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1)), hours.GetProperty("nextChange").GetDateTimeOffset());
        Assert.Contains(hours.GetProperty("week").EnumerateArray(), p => p.GetProperty("day").GetString() == "Friday" && p.GetProperty("closes").GetString() == "13:00:00");

        // The round-the-clock crisis services are listed first, open.
        var urgent = answer.GetProperty("urgentHelp").EnumerateArray().ToList();
        Assert.NotEmpty(urgent);
        Assert.True(urgent[0].GetProperty("hours").GetProperty("openNow").GetBoolean());
        Assert.Contains(urgent, u => u.GetProperty("name").GetString()!.StartsWith("Akut psykiatrisk modtagelse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_demo_municipality_has_one_entry_point_with_opening_hours_for_every_active_target_group()
    {
        using var anonymous = factory.CreateClient();
        var groups = await factory.WithDbAsync(db => db.TargetGroups.Where(t => t.Active).Select(t => t.Code).ToListAsync());
        Assert.Equal(5, groups.Count);
        var choices = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/entry-points/choices", SamspilFactory.Json);
        Assert.Equal(groups.ToHashSet(), choices.GetProperty("targetGroups").EnumerateArray().Select(g => g.GetProperty("code").GetString()!).ToHashSet());
        Assert.Equal(98, choices.GetProperty("municipalities").GetArrayLength());

        foreach (var municipality in DemoMunicipalities)
        {
            foreach (var group in groups)
            {
                var answer = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/entry-points?municipality={municipality}&targetGroup={group}", SamspilFactory.Json);
                var unit = Assert.Single(answer.GetProperty("entryPoints").EnumerateArray());
                var expected = group.StartsWith("ptsd-", StringComparison.Ordinal) ? "koordinator" : "Socialafdelingen";
                Assert.Contains(expected, unit.GetProperty("name").GetString(), StringComparison.Ordinal);
                Assert.Equal(JsonValueKind.Object, unit.GetProperty("hours").ValueKind);
            }
        }
    }

    [Fact]
    public async Task A_municipality_without_an_entry_point_says_so_and_points_to_national_help_only()
    {
        using var anonymous = factory.CreateClient();
        var answer = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/entry-points?municipality=751&targetGroup=ptsd-veteran", SamspilFactory.Json);
        Assert.Empty(answer.GetProperty("entryPoints").EnumerateArray());
        var urgent = answer.GetProperty("urgentHelp").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToList();
        Assert.Contains("Krisetelefonen – hele døgnet (demo)", urgent);
        Assert.Contains("Veteranlinjen (demo)", urgent);
        Assert.DoesNotContain(urgent, u => u.StartsWith("Akut psykiatrisk modtagelse", StringComparison.Ordinal)); // Aarhus is not in Region Syddanmark

        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/Indgang/751/ptsd-veteran"));
        Assert.Contains("Aarhus har ikke oplyst en fast indgang for denne målgruppe.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Tilbud\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("municipality=999&targetGroup=ptsd-refugee", "municipality")]
    [InlineData("municipality=630&targetGroup=no-such-group", "targetGroup")]
    [InlineData("municipality=6%0030&targetGroup=ptsd-refugee", "municipality")]
    [InlineData("municipality=630&targetGroup=ptsd%07refugee", "targetGroup")]
    [InlineData("municipality=630", "targetGroup")]
    [InlineData("", "municipality")]
    public async Task Unknown_or_hostile_codes_are_a_problem_400(string query, string field)
    {
        using var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync("/api/v1/entry-points?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

        var overLong = await anonymous.GetAsync("/api/v1/entry-points?municipality=630&targetGroup=" + new string('x', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, overLong.StatusCode);
    }

    [Fact]
    public async Task The_public_page_works_without_signing_in_by_query_and_by_pretty_route_and_only_it_is_opened()
    {
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var empty = await anonymous.GetAsync("/Indgang");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("<select id=\"kommune\" name=\"kommune\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[] { "/Indgang?kommune=630&maalgruppe=ptsd-refugee", "/Indgang/630/ptsd-refugee" })
        {
            var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync(path));
            Assert.Contains("Flygtninge- og veterankoordinator, Vejle Kommune", html, StringComparison.Ordinal);
            Assert.Contains("href=\"tel:72000330\"", html, StringComparison.Ordinal);
            Assert.Contains("Lukket nu – åbner mandag kl. 09:00", html, StringComparison.Ordinal);
        }

        // A bad choice reads as a message on the page, never an error page.
        var bad = await anonymous.GetAsync("/Indgang?kommune=999&maalgruppe=%3Cscript%3E");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Vælg en kommune fra listen.", badHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", badHtml, StringComparison.Ordinal);

        // The sign-in page links to it; the staff directory and its API stay closed.
        Assert.Contains("href=\"/Indgang\"", await anonymous.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Directory")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task On_a_Saturday_night_the_urgent_help_finds_services_open_right_now()
    {
        var saturdayNight = new DateTimeOffset(2026, 11, 28, 23, 30, 0, TimeSpan.FromHours(1));
        var answer = await factory.WithDbAsync(db => new EntryPointService(db, new FakeTimeProvider(saturdayNight)).FindAsync("621", "frequent-admissions", CancellationToken.None));

        var open = answer.UrgentHelp.Where(u => u.Hours.OpenNow).Select(u => u.Name).ToList();
        Assert.Contains(answer.UrgentHelp, u => u.IsCrisis && u.Hours.OpenNow);
        Assert.Contains("Nattecaféen (socialpsykiatrisk værested)", open);
        var night = answer.UrgentHelp.Single(u => u.Name == "Nattecaféen (socialpsykiatrisk værested)");
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.FromHours(1)), night.Hours.NextChange);
        Assert.False(Assert.Single(answer.EntryPoints).Hours!.OpenNow);
    }

    [Fact]
    public async Task An_organisations_municipality_is_validated_and_a_unit_inherits_its_parents()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var bad = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Kommune uden kode", sector = "Municipality", kind = "Municipality", municipalityCode = "9999" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var hostile = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Kommune med styretegn", sector = "Municipality", kind = "Municipality", municipalityCode = "1\u000101" });
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);

        var parent = await (await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Testkommune (test)", sector = "Municipality", kind = "Municipality", municipalityCode = "101" }))
            .Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal("101", parent.GetProperty("municipalityCode").GetString());
        var unitResponse = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Testenhed (test)", sector = "Municipality", kind = "Coordinator", partOfId = parent.GetProperty("id").GetGuid(), entryPointFor = new[] { "ptsd-work" } });
        Assert.Equal(HttpStatusCode.Created, unitResponse.StatusCode);
        var unit = await unitResponse.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        Assert.Equal(JsonValueKind.Null, unit.GetProperty("municipalityCode").ValueKind);
        Assert.Equal("101", unit.GetProperty("effectiveMunicipalityCode").GetString());

        // The inherited municipality makes the unit København's entry point for the group, found by anyone.
        using var anonymous = factory.CreateClient();
        var answer = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/entry-points?municipality=101&targetGroup=ptsd-work", SamspilFactory.Json);
        var found = Assert.Single(answer.GetProperty("entryPoints").EnumerateArray());
        Assert.Equal("Testenhed (test)", found.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, found.GetProperty("hours").ValueKind); // no offering: the contact only

        // The demo job centre has no code of its own and takes Vejle Kommune's.
        var organizations = await factory.WithDbAsync(db => db.Organizations.AsNoTracking().ToListAsync());
        var tree = organizations.ToDictionary(o => o.Id, o => (o.PartOfId, o.MunicipalityCode));
        var jobCentre = organizations.Single(o => o.Name == "Jobcenter Vejle");
        Assert.Null(jobCentre.MunicipalityCode);
        Assert.Equal("630", Organization.EffectiveMunicipality(jobCentre.Id, tree));
    }

    [Fact]
    public async Task The_citizens_and_the_proxys_home_page_show_the_entry_point_for_the_course()
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var home = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/home", SamspilFactory.Json);
        var entry = home.GetProperty("entryPoint");
        Assert.Contains(entry.GetProperty("municipalityCode").GetString(), DemoMunicipalities);
        var unit = Assert.Single(entry.GetProperty("entryPoints").EnumerateArray());
        Assert.StartsWith("tel:", unit.GetProperty("telHref").GetString(), StringComparison.Ordinal);

        foreach (var user in new[] { "borger.preben", "paaroerende.louise" })
        {
            using var browser = await factory.CookieClientAsync(user);
            var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Home"));
            Assert.Contains("data-testid=\"home-entry-point-box\"", html, StringComparison.Ordinal);
            Assert.Contains("Hvor henvender jeg mig?", html, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"entry-point-open-state\"", html, StringComparison.Ordinal);
        }
    }
}

public sealed class EntryPointTestsOnSqlite(SqliteFactory factory) : EntryPointTests(factory), IClassFixture<SqliteFactory>;

public sealed class EntryPointTestsOnPostgres(PostgresFactory factory) : EntryPointTests(factory), IClassFixture<PostgresFactory>;
