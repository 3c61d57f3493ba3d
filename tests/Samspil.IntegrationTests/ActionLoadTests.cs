using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 17 points 6 and 7 on both providers: hours a week, period and pause on plan actions with the citizen's weekly load
/// per sector (versioned like every plan change); and the family — children, relative links revealed only with both
/// consents, bisidders — read in "socialt og familie" through the access layer and logged. Hostile input is a problem,
/// never a 500, and writes nothing.
/// </summary>
public abstract class ActionLoadTests(SamspilFactory factory)
{
    [Fact]
    public async Task Hours_period_and_pause_on_actions_give_the_weekly_load_per_sector_and_every_step_is_a_plan_version()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician);
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();

        var plan = await PlanAsync(clinician, HttpMethod.Post, courseId, "/actions", new { text = "Støtte i hjemmet", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = 32, periodFrom = "2026-11-16", periodTo = "2026-12-31" });
        var supportId = plan.GetProperty("actions")[0].GetProperty("id").GetGuid();
        plan = await PlanAsync(clinician, HttpMethod.Post, courseId, "/actions", new { text = "Gå en tur hver dag", ownerIsCitizen = true, dueDate = "2026-12-20", hoursPerWeek = 2.5 });
        var week = plan.GetProperty("weeklyLoad")[0];
        Assert.Equal("2026-11-16", week.GetProperty("weekStart").GetString()); // the factory's today is Sunday 22 November
        Assert.Equal(47, week.GetProperty("isoWeek").GetInt32());
        Assert.Equal(34.5m, week.GetProperty("total").GetDecimal());
        Assert.Equal(32m, SectorHours(week, "Region"));
        Assert.Equal(2.5m, SectorHours(week, "Citizen"));

        // The support is cut from 32 to 20 hours; a PUT replaces the action, so the period is sent again.
        var version = plan.GetProperty("version").GetInt32();
        plan = await PlanAsync(clinician, HttpMethod.Put, courseId, $"/actions/{supportId}", new { text = "Støtte i hjemmet", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = 20, periodFrom = "2026-11-16", periodTo = "2026-12-31" });
        Assert.Equal(22.5m, plan.GetProperty("weeklyLoad")[0].GetProperty("total").GetDecimal());

        // Paused until Monday 7 December: the weeks before count only the citizen's own walk.
        plan = await PlanAsync(clinician, HttpMethod.Post, courseId, $"/actions/{supportId}/status", new { status = "Paused", pausedReason = "Familien holder ferie", resumeOn = "2026-12-07" });
        var support = plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == supportId);
        Assert.Equal("Paused", support.GetProperty("status").GetString());
        Assert.Equal("Familien holder ferie", support.GetProperty("pausedReason").GetString());
        Assert.Equal("2026-12-07", support.GetProperty("resumeOn").GetString());
        Assert.False(support.GetProperty("isOverdue").GetBoolean());
        var weeks = plan.GetProperty("weeklyLoad").EnumerateArray().Select(w => (w.GetProperty("weekStart").GetString()!, w.GetProperty("total").GetDecimal())).ToList();
        Assert.Equal([("2026-11-16", 2.5m), ("2026-11-23", 2.5m), ("2026-11-30", 2.5m), ("2026-12-07", 22.5m)], weeks.Take(4));

        // The history compares the versions field by field, the new fields included.
        var diff = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan/diff?from={version}&to={plan.GetProperty("version").GetInt32()}");
        var changes = diff.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("before").GetString()}→{c.GetProperty("after").GetString()}").ToList();
        Assert.Contains("32→20", changes);
        Assert.Contains("→Familien holder ferie", changes);

        // The page shows the week table and the pause.
        using var page = await factory.CookieClientAsync("behandler.odense");
        var html = await page.GetStringAsync($"/Courses/{courseId}/plan");
        Assert.Contains("data-testid=\"weekly-load\"", html, StringComparison.Ordinal);
        Assert.Contains("Familien holder ferie", html, StringComparison.Ordinal);
        Assert.Contains("22,5", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_volume_and_pause_input_is_a_problem_and_the_plan_stays_as_it_was()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician);
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();
        var plan = await PlanAsync(clinician, HttpMethod.Post, courseId, "/actions", new { text = "Jobcenter", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = 6 });
        var actionId = plan.GetProperty("actions")[0].GetProperty("id").GetGuid();
        var version = plan.GetProperty("version").GetInt32();

        object[] badActions =
        [
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = -1 },
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = 0 },
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = 1000 },
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = 1.234 },
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", hoursPerWeek = "mange" },
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", periodFrom = "2026-12-10", periodTo = "2026-12-01" },
            new { text = "X", ownerMemberId = memberId, dueDate = "2026-12-20", periodFrom = "ikke en dato" },
        ];
        foreach (var body in badActions)
        {
            var answer = await RawAsync(clinician, HttpMethod.Post, courseId, "/actions", body);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        object[] badPauses =
        [
            new { status = "Paused", resumeOn = "2026-12-07" },
            new { status = "Paused", pausedReason = "Ferie" },
            new { status = "Paused", pausedReason = "Ferie", resumeOn = "2026-11-22" },
            new { status = "Paused", pausedReason = new string('x', 501), resumeOn = "2026-12-07" },
            new { status = "Paused", pausedReason = "Ferie\u0007", resumeOn = "2026-12-07" },
        ];
        foreach (var body in badPauses)
        {
            var answer = await RawAsync(clinician, HttpMethod.Post, courseId, $"/actions/{actionId}/status", body);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await RawAsync(clinician, HttpMethod.Post, courseId, $"/actions/{Guid.NewGuid()}/status", new { status = "Paused", pausedReason = "Ferie", resumeOn = "2026-12-07" })).StatusCode);

        // The page answers a typed "abc" with a readable message, not a 500.
        using var page = await factory.CookieClientAsync("behandler.odense");
        var html = await page.GetStringAsync($"/Courses/{courseId}/plan");
        var form = await page.PostAsync($"/Courses/{courseId}/plan?handler=AddAction", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html),
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = "Y",
            ["owner"] = memberId.ToString(),
            ["dueDate"] = "2026-12-20",
            ["hoursPerWeek"] = "abc",
        }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("højst 168", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/plan");
        Assert.Equal(version, after.GetProperty("version").GetInt32());
        Assert.Single(after.GetProperty("actions").EnumerateArray());
        Assert.Equal("Planned", after.GetProperty("actions")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Children_are_family_data_read_and_written_through_the_access_layer_and_logged()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var family = await FamilyAsync(clinician, HttpMethod.Post, courseId, "/children", new { label = "Emil", ageBand = "From7To12", awareness = "KnowsSome", support = "ChildConversation", note = "Skolen er bekymret" });
        var child = Assert.Single(family.GetProperty("children").EnumerateArray());
        Assert.Equal("Emil", child.GetProperty("label").GetString());
        Assert.Equal("From7To12", child.GetProperty("ageBand").GetString());
        Assert.Equal("KnowsSome", child.GetProperty("awareness").GetString());
        Assert.Equal("ChildConversation", child.GetProperty("support").GetString());
        var childId = child.GetProperty("id").GetGuid();
        family = await FamilyAsync(clinician, HttpMethod.Put, courseId, $"/children/{childId}", new { label = "Emil", ageBand = "From7To12", awareness = "Knows", support = "RelativesOffering" });
        Assert.Equal("Knows", family.GetProperty("children")[0].GetProperty("awareness").GetString());
        Assert.True(family.GetProperty("canEdit").GetBoolean());

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "CourseChild" || e.ResourceType == "Family").Select(e => new { e.Category, e.Action }).ToListAsync());
        Assert.All(logged, e => Assert.Equal(InformationCategory.SocialAndFamily, e.Category));
        Assert.Contains(logged, e => e.Action == AccessAction.Create);
        Assert.Contains(logged, e => e.Action == AccessAction.Read);

        // A stranger: 404 on the API and the page. A consent without "socialt og familie" does not open it; one with it opens it read-only.
        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/family")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/courses/{courseId}/family/children", new { ageBand = "Under3" })).StatusCode);
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        var jobcentre = new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Kolding") };
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "HealthAndTreatment"], jobcentre);
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync($"/api/v1/courses/{courseId}/family")).StatusCode);
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "SocialAndFamily"], jobcentre);
        var read = await kolding.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/family");
        Assert.Equal("Emil", read.GetProperty("children")[0].GetProperty("label").GetString());
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.PostAsJsonAsync($"/api/v1/courses/{courseId}/family/children", new { ageBand = "Under3" })).StatusCode);

        using var strangerPage = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.GetAsync($"/Courses/{courseId}/family")).StatusCode);
        using var page = await factory.CookieClientAsync("behandler.odense");
        Assert.Contains("Emil", await page.GetStringAsync($"/Courses/{courseId}/family"), StringComparison.Ordinal);

        family = await FamilyAsync(clinician, HttpMethod.Delete, courseId, $"/children/{childId}", null);
        Assert.Empty(family.GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task A_relative_link_reveals_the_other_course_only_while_both_citizens_consent()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var mother = (await TestData.CreateCourseAsync(clinician, givenName: "Mor")).GetProperty("id").GetGuid();
        var son = (await TestData.CreateCourseAsync(clinician, givenName: "Søn")).GetProperty("id").GetGuid();

        var fromMother = await FamilyAsync(clinician, HttpMethod.Post, mother, "/relative-links", new { relativeCourseId = son, relation = "søn", citizenConsents = true });
        var link = Assert.Single(fromMother.GetProperty("relativeLinks").EnumerateArray());
        var linkId = link.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, link.GetProperty("relativeCourseId").ValueKind);
        Assert.True(link.GetProperty("thisSideConsented").GetBoolean());

        // The son's side sees that a link waits for his consent, but not whose course it is.
        var fromSon = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{son}/family");
        var sonLink = Assert.Single(fromSon.GetProperty("relativeLinks").EnumerateArray());
        Assert.False(sonLink.GetProperty("thisSideConsented").GetBoolean());
        Assert.Equal(JsonValueKind.Null, sonLink.GetProperty("relativeCourseId").ValueKind);
        Assert.Equal(JsonValueKind.Null, sonLink.GetProperty("relativeName").ValueKind);

        // Both consent: each side sees the other course and name; the reveal is logged on both citizens.
        fromSon = await FamilyAsync(clinician, HttpMethod.Post, son, $"/relative-links/{linkId}/consent", new { consents = true });
        Assert.Equal(mother, fromSon.GetProperty("relativeLinks")[0].GetProperty("relativeCourseId").GetGuid());
        Assert.StartsWith("Mor ", fromSon.GetProperty("relativeLinks")[0].GetProperty("relativeName").GetString(), StringComparison.Ordinal);
        fromMother = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{mother}/family");
        Assert.Equal(son, fromMother.GetProperty("relativeLinks")[0].GetProperty("relativeCourseId").GetGuid());
        Assert.True(await factory.WithDbAsync(db => db.AccessLog.AnyAsync(e => e.ResourceType == "RelativeLink" && e.Action == AccessAction.Read && e.ResourceId == linkId)));

        // The mother takes her consent back: hidden again on both sides.
        await FamilyAsync(clinician, HttpMethod.Post, mother, $"/relative-links/{linkId}/consent", new { consents = false });
        // The son's side no longer sees the link at all: the mother's consent was what let him learn of it.
        Assert.Empty((await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{son}/family")).GetProperty("relativeLinks").EnumerateArray());
        fromMother = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{mother}/family");
        Assert.Equal(JsonValueKind.Null, fromMother.GetProperty("relativeLinks")[0].GetProperty("relativeCourseId").ValueKind);

        // A course the caller may not read is "unknown" exactly like one that does not exist; a stranger gets 404 on the consent.
        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        var candidates = await factory.WithDbAsync(db => db.Courses.OrderBy(c => c.Id).Select(c => c.Id).Take(40).ToListAsync());
        var hidden = Guid.Empty;
        foreach (var candidate in candidates)
        {
            if ((await clinician.GetAsync($"/api/v1/courses/{candidate}/family")).StatusCode == HttpStatusCode.NotFound)
            {
                hidden = candidate;
                break;
            }
        }

        Assert.NotEqual(Guid.Empty, hidden);
        var unknownCourse = await RawFamilyAsync(clinician, HttpMethod.Post, mother, "/relative-links", new { relativeCourseId = hidden, relation = "bror", citizenConsents = true });
        var randomCourse = await RawFamilyAsync(clinician, HttpMethod.Post, mother, "/relative-links", new { relativeCourseId = Guid.NewGuid(), relation = "bror", citizenConsents = true });
        Assert.Equal(HttpStatusCode.BadRequest, unknownCourse.StatusCode);
        Assert.Equal(await DetailAsync(randomCourse), await DetailAsync(unknownCourse));
        Assert.Equal(HttpStatusCode.NotFound, (await RawFamilyAsync(stranger, HttpMethod.Post, son, $"/relative-links/{linkId}/consent", new { consents = true })).StatusCode);
    }

    [Fact]
    public async Task Hostile_family_input_is_a_problem_and_writes_nothing_and_a_bisidder_chosen_in_the_network_shows()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var other = (await TestData.CreateCourseAsync(clinician, givenName: "Anden")).GetProperty("id").GetGuid();
        object[] badChildren =
        [
            new { },
            new { ageBand = "Dinosaur" },
            new { ageBand = 99 },
            new { ageBand = "Under3", label = new string('x', 101) },
            new { ageBand = "Under3", note = new string('x', 1001) },
            new { ageBand = "Under3", offeringId = Guid.NewGuid() },
            new { ageBand = "Under3", label = "Emil\u0000" },
        ];
        foreach (var body in badChildren)
        {
            var answer = await RawFamilyAsync(clinician, HttpMethod.Post, courseId, "/children", body);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await RawFamilyAsync(clinician, HttpMethod.Post, courseId, "/relative-links", new { relativeCourseId = other, relation = "bror", citizenConsents = false })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RawFamilyAsync(clinician, HttpMethod.Post, courseId, "/relative-links", new { relativeCourseId = courseId, relation = "bror", citizenConsents = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RawFamilyAsync(clinician, HttpMethod.Post, courseId, "/relative-links", new { relativeCourseId = other, relation = " ", citizenConsents = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RawFamilyAsync(clinician, HttpMethod.Put, courseId, $"/children/{Guid.NewGuid()}", new { ageBand = "Under3" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RawFamilyAsync(clinician, HttpMethod.Post, courseId, $"/relative-links/{Guid.NewGuid()}/consent", new { consents = true })).StatusCode);
        await FamilyAsync(clinician, HttpMethod.Post, courseId, "/relative-links", new { relativeCourseId = other, relation = "bror", citizenConsents = true });
        Assert.Equal(HttpStatusCode.Conflict, (await RawFamilyAsync(clinician, HttpMethod.Post, other, "/relative-links", new { relativeCourseId = courseId, relation = "bror", citizenConsents = true })).StatusCode);

        var family = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/family");
        Assert.Empty(family.GetProperty("children").EnumerateArray());
        Assert.Single(family.GetProperty("relativeLinks").EnumerateArray());

        // The citizen may give consent on their own side but not record children (403, nothing written).
        using var louise = await factory.ClientForAsync("borger.louise");
        var louiseCourse = (await louise.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var before = (await louise.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{louiseCourse}/family")).GetProperty("children").GetArrayLength();
        Assert.Equal(HttpStatusCode.Forbidden, (await RawFamilyAsync(louise, HttpMethod.Post, louiseCourse, "/children", new { ageBand = "Under3" })).StatusCode);
        Assert.Equal(before, (await louise.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{louiseCourse}/family")).GetProperty("children").GetArrayLength());

        // A bisidder is a network member in the role the citizen chose.
        var added = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Friend",
            personName = "Bente Bisidder",
            relation = "veninde",
            role = "Bisidder",
            activeFrom = "2026-11-20",
            citizenAgreement = new { agreedOn = "2026-11-20", method = "InPerson" },
        });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var bisidder = Assert.Single((await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/family")).GetProperty("bisidders").EnumerateArray());
        Assert.Equal("Bente Bisidder", bisidder.GetProperty("name").GetString());
    }

    private static decimal SectorHours(JsonElement week, string sector) =>
        week.GetProperty("sectors").EnumerateArray().Single(s => s.GetProperty("sector").GetString() == sector).GetProperty("hours").GetDecimal();

    private static async Task<JsonElement> PlanAsync(HttpClient client, HttpMethod method, Guid courseId, string path, object body)
    {
        var response = await RawAsync(client, method, courseId, path, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> RawAsync(HttpClient client, HttpMethod method, Guid courseId, string path, object body)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/courses/{courseId}/plan{path}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> FamilyAsync(HttpClient client, HttpMethod method, Guid courseId, string path, object? body)
    {
        var response = await RawFamilyAsync(client, method, courseId, path, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> RawFamilyAsync(HttpClient client, HttpMethod method, Guid courseId, string path, object? body) =>
        client.SendAsync(new HttpRequestMessage(method, $"/api/v1/courses/{courseId}/family{path}") { Content = body is null ? null : JsonContent.Create(body) });

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}

public sealed class ActionLoadTestsOnSqlite(SqliteFactory factory) : ActionLoadTests(factory), IClassFixture<SqliteFactory>;

public sealed class ActionLoadTestsOnPostgres(PostgresFactory factory) : ActionLoadTests(factory), IClassFixture<PostgresFactory>;
