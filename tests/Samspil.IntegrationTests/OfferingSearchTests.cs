using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Offerings;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Offerings search (issue 18): filters, "open now" against the fixed clock (Sunday 22 November 2026, 10:00 in Copenhagen),
/// anonymous access to /Tilbud and GET /api/v1/offerings without opening anything else, hostile query values, paging, the plan
/// action's offering link, and the course's knowledge page (404 for a stranger).
/// </summary>
public abstract class OfferingSearchTests(SamspilFactory factory)
{
    private static readonly DateOnly Today = new(2026, 11, 22); // a Sunday; the factory's clock is 10:00 Copenhagen time

    [Fact]
    public async Task Open_now_follows_weekly_periods_overnight_periods_exceptions_and_always_open()
    {
        var token = Token();
        var ids = await SeedAsync(
            (token + " morning", new OfferingDetails(null, "x", Periods: [OpeningPeriod.Create(DayOfWeek.Sunday, new(9, 0), new(12, 0))])),
            (token + " afternoon", new OfferingDetails(null, "x", Periods: [OpeningPeriod.Create(DayOfWeek.Sunday, new(11, 0), new(16, 0))])),
            (token + " overnight", new OfferingDetails(null, "x", Periods: [OpeningPeriod.Create(DayOfWeek.Saturday, new(22, 0), new(11, 0))])),
            (token + " closed today", new OfferingDetails(null, "x", Periods: [OpeningPeriod.Create(DayOfWeek.Sunday, new(8, 0), new(17, 0))], Exceptions: [ScheduleException.ClosedOn(Today, "Lukket")])),
            (token + " always", new OfferingDetails(null, "x", AlwaysOpen: true)),
            (token + " extra", new OfferingDetails(null, "x", Exceptions: [ScheduleException.OpenOn(Today, new(9, 30), new(10, 30))])),
            (token + " inactive", new OfferingDetails(null, "x", Status: OfferingStatus.Inactive, AlwaysOpen: true)));

        using var anonymous = Anonymous();
        var open = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?q={token}&openNow=true&sort=name");
        Assert.Equal(
            [token + " always", token + " extra", token + " morning", token + " overnight"],
            Names(open));
        Assert.Equal(4, open.GetProperty("total").GetInt32());
        var morning = open.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == token + " morning");
        Assert.True(morning.GetProperty("openNow").GetBoolean());
        Assert.Equal("2026-11-22T12:00:00", morning.GetProperty("openUntil").GetString());

        var all = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?q={token}&sort=name");
        Assert.Equal(6, all.GetProperty("total").GetInt32()); // the inactive one is never shown
        var afternoon = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == token + " afternoon");
        Assert.False(afternoon.GetProperty("openNow").GetBoolean());
        Assert.Equal("2026-11-22T11:00:00", afternoon.GetProperty("nextOpens").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Tilbud/{ids[token + " inactive"]}")).StatusCode);
        var detail = await anonymous.GetStringAsync($"/Tilbud/{ids[token + " morning"]}");
        Assert.Contains("lukker kl. 12:00", detail, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"offering-week\"", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_need_municipality_language_age_target_group_text_and_after_hours_first()
    {
        var token = Token();
        var targetGroup = await factory.WithDbAsync(db => db.TargetGroups.Select(t => t.Code).FirstAsync());
        await SeedAsync(
            (token + " A vejle work", new OfferingDetails(null, "Jobhjælp", Needs: [OfferingNeeds.Work], Municipalities: ["630"], Languages: ["da", "ar"], MinimumAge: 18, MaximumAge: 30)),
            (token + " B everywhere crisis", new OfferingDetails(null, "Akut linje", Needs: [OfferingNeeds.Crisis], Languages: ["da"], IsCrisis: true, AlwaysOpen: true)),
            (token + " C odense family", new OfferingDetails(null, "Familie", Needs: [OfferingNeeds.Family], Municipalities: ["461"], Languages: ["uk"], TargetGroups: [targetGroup])),
            (token + " D nights", new OfferingDetails(null, "Natcafé med særlig omtanke", Needs: [OfferingNeeds.Social], IsAfterHours: true)));
        using var anonymous = Anonymous();

        Assert.Equal([token + " A vejle work"], Names(await Search(anonymous, $"q={token}&need=work")));
        Assert.Equal([token + " A vejle work", token + " B everywhere crisis", token + " D nights"], Names(await Search(anonymous, $"q={token}&municipality=630&sort=name")));
        Assert.Equal([token + " A vejle work"], Names(await Search(anonymous, $"q={token}&language=ar")));
        Assert.Equal([token + " C odense family"], Names(await Search(anonymous, $"q={token}&language=UK")));
        Assert.Equal([token + " B everywhere crisis", token + " C odense family", token + " D nights"], Names(await Search(anonymous, $"q={token}&age=40&sort=name")));
        Assert.Contains(token + " C odense family", Names(await Search(anonymous, $"q={token}&targetGroup={targetGroup}")));
        Assert.Contains(token + " D nights", Names(await Search(anonymous, "q=S%C3%A6rlig%20OMTANKE"))); // the description, case-insensitively

        // Crisis first, then after-hours, then by name (the default order); "after hours only" keeps just those two.
        Assert.Equal([token + " B everywhere crisis", token + " D nights", token + " A vejle work", token + " C odense family"], Names(await Search(anonymous, $"q={token}")));
        Assert.Equal([token + " B everywhere crisis", token + " D nights"], Names(await Search(anonymous, $"q={token}&afterHours=true")));

        // The organisation's name is searched too; % and _ are literal characters.
        var organization = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == db.Offerings.First(x => x.Name.StartsWith(token)).OrganizationId).Select(o => o.Name).FirstAsync());
        Assert.True((await Search(anonymous, $"q={Uri.EscapeDataString(organization)}")).GetProperty("total").GetInt32() >= 4);
        Assert.Equal(0, (await Search(anonymous, $"q={token}%25")).GetProperty("total").GetInt32());

        // The page answers the same search, without JavaScript, for an anonymous visitor.
        var page = await anonymous.GetStringAsync($"/Tilbud?q={token}&need=crisis&openNow=true");
        Assert.Contains(token + " B everywhere crisis", page, StringComparison.Ordinal);
        Assert.DoesNotContain(token + " A vejle work", page, StringComparison.Ordinal);
        Assert.Contains("Åben nu", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_with_limit_and_offset_covers_every_result_once()
    {
        var token = Token();
        await SeedAsync(Enumerable.Range(1, 5).Select(i => ($"{token} {i}", new OfferingDetails(null, "x"))).ToArray());
        using var anonymous = Anonymous();

        var first = await Search(anonymous, $"q={token}&limit=2&sort=name");
        var second = await Search(anonymous, $"q={token}&limit=2&offset=2&sort=name");
        var last = await Search(anonymous, $"q={token}&limit=2&offset=4&sort=name");
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("nextOffset").GetInt32());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextOffset").ValueKind);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{token} {i}"), Names(first).Concat(Names(second)).Concat(Names(last)));
        Assert.Empty(Names(await Search(anonymous, $"q={token}&offset=50")));
    }

    [Theory]
    [InlineData("need=flying", "need")]
    [InlineData("municipality=9999", "municipality")]
    [InlineData("municipality=%27%20OR%201%3D1--", "municipality")]
    [InlineData("language=zz", "language")]
    [InlineData("language=english", "language")]
    [InlineData("targetGroup=no-such-group", "targetGroup")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=99999999", "offset")]
    [InlineData("age=200", "age")]
    [InlineData("sort=drop", "sort")]
    [InlineData("q=%01%02", "q")]
    public async Task Hostile_or_unknown_values_are_a_400_problem_naming_the_field(string query, string field)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync("/api/v1/offerings?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());

        // The page (whose page size is fixed, so it ignores limit) shows a readable message instead, never an error page.
        var page = await anonymous.GetAsync("/Tilbud?" + query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(field != "limit", (await page.Content.ReadAsStringAsync()).Contains("error-summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_long_text_and_wrong_types_are_refused_without_a_500()
    {
        using var anonymous = Anonymous();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/offerings?q=" + new string('a', 201))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/offerings?limit=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/offerings?openNow=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Tilbud?age=abc&offset=%00&openNow=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Tilbud/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_reach_the_search_and_nothing_else_that_was_closed()
    {
        using var anonymous = Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Tilbud")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/offerings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/courses/{Guid.NewGuid()}/offerings")).StatusCode);
        var staffPage = await anonymous.GetAsync("/Directory");
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.Contains("/Account/Login", staffPage.Headers.Location?.ToString(), StringComparison.Ordinal);
        var knowledge = await anonymous.GetAsync($"/Courses/{Guid.NewGuid()}/Knowledge");
        Assert.Equal(HttpStatusCode.Redirect, knowledge.StatusCode);
    }

    [Fact]
    public async Task A_plan_action_links_an_active_offering_and_the_knowledge_page_shows_it_but_not_to_a_stranger()
    {
        var token = Token();
        var ids = await SeedAsync(
            (token + " active", new OfferingDetails(null, "x", TargetGroups: ["ptsd-refugee"], IsCrisis: true, AlwaysOpen: true)),
            (token + " inactive", new OfferingDetails(null, "x", Status: OfferingStatus.Inactive)));
        using var client = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(client);
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();

        foreach (var bad in new[] { ids[token + " inactive"], Guid.NewGuid() })
        {
            var refused = await PlanAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Ring om natten", ownerMemberId = memberId, dueDate = "2026-12-01", offeringId = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("offeringId", out _));
        }

        var added = await PlanAsync(client, HttpMethod.Post, courseId, "/actions", "0", new { text = "Ring om natten", ownerMemberId = memberId, dueDate = "2026-12-01", offeringId = ids[token + " active"] });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var plan = await added.Content.ReadFromJsonAsync<JsonElement>();
        var linked = plan.GetProperty("actions")[0].GetProperty("offering");
        Assert.Equal(token + " active", linked.GetProperty("name").GetString());
        Assert.True(linked.GetProperty("openNow").GetBoolean());

        var knowledge = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/offerings");
        Assert.Equal([ids[token + " active"]], knowledge.GetProperty("linked").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Contains(knowledge.GetProperty("fitting").EnumerateArray(), o => o.GetProperty("id").GetGuid() == ids[token + " active"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/courses/{courseId}/offerings?municipality=0000")).StatusCode);

        using var cookie = await factory.CookieClientAsync("behandler.odense");
        var planPage = await cookie.GetStringAsync($"/Courses/{courseId}/plan");
        Assert.Contains($"href=\"/Tilbud/{ids[token + " active"]}\"", planPage, StringComparison.Ordinal);
        var knowledgePage = await cookie.GetAsync($"/Courses/{courseId}/Knowledge");
        Assert.Equal(HttpStatusCode.OK, knowledgePage.StatusCode);
        Assert.Contains(token + " active", await knowledgePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var stranger = await factory.ClientForAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/offerings")).StatusCode);
        using var strangerCookie = await factory.CookieClientAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerCookie.GetAsync($"/Courses/{courseId}/Knowledge")).StatusCode);
    }

    private static string Token() => "T" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<JsonElement> Search(HttpClient client, string query) => client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?" + query)!;

    private static List<string> Names(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();

    private static Task<HttpResponseMessage> PlanAsync(HttpClient client, HttpMethod method, Guid courseId, string path, string version, object body)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/courses/{courseId}/plan{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }

    private Task<Dictionary<string, Guid>> SeedAsync(params (string Name, OfferingDetails Details)[] offerings) =>
        factory.WithDbAsync(async db =>
        {
            var organizationId = await db.Organizations.OrderBy(o => o.Name).Select(o => o.Id).FirstAsync();
            var ids = new Dictionary<string, Guid>();
            foreach (var (name, details) in offerings)
            {
                var offering = Offering.Create(Guid.NewGuid(), organizationId, details with { Name = name }, SamspilFactory.Now);
                db.Offerings.Add(offering);
                ids[name] = offering.Id;
            }

            await db.SaveChangesAsync();
            return ids;
        });
}

public sealed class OfferingSearchTestsOnSqlite(SqliteFactory factory) : OfferingSearchTests(factory), IClassFixture<SqliteFactory>;

public sealed class OfferingSearchTestsOnPostgres(PostgresFactory factory) : OfferingSearchTests(factory), IClassFixture<PostgresFactory>;
