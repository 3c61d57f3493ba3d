using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>Issue 15: the citizen's home page, the grouped access log, and plain Danish (LIX ≤ 35) on every citizen page.</summary>
public abstract class CitizenHomeTests(SamspilFactory factory)
{
    [Fact]
    public async Task The_citizen_home_summary_shows_the_next_meeting_whom_to_call_and_logs_the_reads()
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var home = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/home", SamspilFactory.Json);

        Assert.Equal(JsonValueKind.Null, home.GetProperty("actingForName").ValueKind);
        var meeting = home.GetProperty("nextMeeting");
        Assert.True(meeting.GetProperty("start").GetDateTimeOffset() >= SamspilFactory.Now.AddHours(-12));
        Assert.Contains(meeting.GetProperty("participants").EnumerateArray(), p => p.GetProperty("isCitizen").GetBoolean());

        // The meeting shown is one Preben may open, and it is the earliest scheduled one still ahead.
        var meetingId = meeting.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await preben.GetAsync($"/api/v1/meetings/{meetingId}")).StatusCode);

        var coordinator = Assert.Single(home.GetProperty("coordinators").EnumerateArray());
        Assert.StartsWith("tel:", coordinator.GetProperty("telHref").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^tel:\+?\d+$", coordinator.GetProperty("telHref").GetString()!);
        Assert.Equal("tel:70110707", home.GetProperty("afterHours").GetProperty("telHref").GetString());
        Assert.Equal(JsonValueKind.Array, home.GetProperty("entryPoints").ValueKind); // Preben's target group has no entry point in the demo data

        // Goals and tasks come from Preben's own plan.
        var courseId = home.GetProperty("planCourseId").GetGuid();
        var plan = await preben.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan", SamspilFactory.Json);
        var planGoals = plan.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToHashSet();
        Assert.All(home.GetProperty("goals").EnumerateArray(), g => Assert.Contains(g.GetProperty("id").GetGuid(), planGoals));
        var citizenActions = plan.GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("owner").GetProperty("isCitizen").GetBoolean() && a.GetProperty("isOpen").GetBoolean())
            .Select(a => a.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(citizenActions, home.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("actionId").GetGuid()).ToHashSet());

        // The reads went through the access layer: the meeting is in Preben's log as his own read.
        var logged = await factory.WithDbAsync(db => db.AccessLog.AnyAsync(e => e.ResourceType == "Meeting" && e.ResourceId == meetingId && e.Basis == Domain.Consents.AccessBasisKind.Self));
        Assert.True(logged);
    }

    [Fact]
    public async Task Staff_get_a_problem_for_the_citizen_home_and_keep_their_course_list()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var response = await clinician.GetAsync("/api/v1/me/home");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var staffBrowser = await factory.CookieClientAsync("behandler.odense");
        Assert.Equal("/Work", (await staffBrowser.GetAsync("/")).Headers.Location?.OriginalString);

        using var citizenBrowser = await factory.CookieClientAsync("borger.preben");
        Assert.Equal("/Me/Home", (await citizenBrowser.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_proxy_is_told_on_every_page_whom_they_act_for_and_sees_Louises_plan()
    {
        using var api = await factory.ClientForAsync("paaroerende.louise");
        var home = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/home", SamspilFactory.Json);
        Assert.Equal("Louise", home.GetProperty("actingForName").GetString());

        using var browser = await factory.CookieClientAsync("paaroerende.louise");
        foreach (var path in new[] { "/Me/Home", "/Me/Consents", "/Me/AccessLog", "/Me/Meetings" })
        {
            var html = WebUtility.HtmlDecode(await browser.GetStringAsync(path));
            Assert.Contains("Du handler for Louise (fuldmagt).", html, StringComparison.Ordinal);
            Assert.Contains(">Louises plan</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">Min plan</a>", html, StringComparison.Ordinal);
        }

        using var citizen = await factory.CookieClientAsync("borger.preben");
        var own = WebUtility.HtmlDecode(await citizen.GetStringAsync("/Me/Home"));
        Assert.DoesNotContain("Du handler for", own, StringComparison.Ordinal);
        Assert.Contains(">Min plan</a>", own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("da", "Louise", "Louises")]
    [InlineData("da", "Lars", "Lars'")]
    [InlineData("da", "Felix", "Felix'")]
    [InlineData("en", "Louise", "Louise's")]
    [InlineData("en", "Lars", "Lars'")]
    [InlineData("ar", "Louise", "Louise")]
    public void Names_take_the_possessive_of_the_language(string language, string name, string expected) =>
        Assert.Equal(expected, Samspil.Features.Home.ActingFor.Possessive(name, CultureInfo.GetCultureInfo(language)));

    [Fact]
    public async Task The_grouped_access_log_hides_own_reads_marks_reads_without_consent_and_filters_by_person()
    {
        using var preben = await factory.ClientForAsync("borger.preben");
        var courseId = (await preben.GetFromJsonAsync<JsonElement>("/api/v1/courses")).EnumerateArray().Single().GetProperty("id").GetGuid();
        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);

        var grouped = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/access-log/grouped", SamspilFactory.Json);
        var groups = grouped.GetProperty("groups").EnumerateArray().ToList();
        Assert.DoesNotContain(groups, g => g.GetProperty("isOwn").GetBoolean());
        var mette = groups.First(g => g.GetProperty("who").GetString() == "Mette Demo-Lindberg");
        Assert.Equal("Traumeklinikken Odense", mette.GetProperty("organization").GetString());
        Assert.True(mette.GetProperty("count").GetInt32() >= 2, "two reads the same day are one group");
        Assert.True(mette.GetProperty("notOnConsent").GetBoolean(), "her clinic's own records are read without consent");
        Assert.Contains(mette.GetProperty("bases").EnumerateArray(), b => b.GetProperty("kind").GetString() == "OwnRecords");
        Assert.True(grouped.GetProperty("hiddenOwn").GetInt32() > 0);

        // The person filter keeps one person; own reads come back on request.
        var metteId = mette.GetProperty("userId").GetGuid();
        var one = await preben.GetFromJsonAsync<JsonElement>($"/api/v1/me/access-log/grouped?person={metteId}", SamspilFactory.Json);
        Assert.All(one.GetProperty("groups").EnumerateArray(), g => Assert.Equal(metteId, g.GetProperty("userId").GetGuid()));
        var withOwn = await preben.GetFromJsonAsync<JsonElement>("/api/v1/me/access-log/grouped?includeOwn=true", SamspilFactory.Json);
        Assert.Contains(withOwn.GetProperty("groups").EnumerateArray(), g => g.GetProperty("isOwn").GetBoolean());

        // Bad paging is a problem, not a 500; the page shows the sentence, the mark and the detailed list on request.
        var bad = await preben.GetAsync("/api/v1/me/access-log/grouped?take=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await preben.GetAsync("/api/v1/me/access-log/grouped?person=not-a-guid")).StatusCode);

        using var browser = await factory.CookieClientAsync("borger.preben");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/AccessLog"));
        Assert.Contains("Mette Demo-Lindberg fra Traumeklinikken Odense så dit forløb", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"not-on-consent\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"access-log\"", await browser.GetStringAsync("/Me/AccessLog?detail=true"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Me/AccessLog?person=junk&own=maybe")).StatusCode);
    }
}

public sealed class CitizenHomeTestsOnSqlite(SqliteFactory factory) : CitizenHomeTests(factory), IClassFixture<SqliteFactory>;

public sealed class CitizenHomeTestsOnPostgres(PostgresFactory factory) : CitizenHomeTests(factory), IClassFixture<PostgresFactory>;
