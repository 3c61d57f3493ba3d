using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 17 points 1–2 (docs/work.md): a course's IPS track (job wishes, employer contacts, job starts, days to the first
/// competitive job, the consultant's caseload) and its income basis with history. Read in "arbejde og forsørgelse" through
/// the access layer and logged; written by staff who may change the course, the job wishes also by the citizen; everyone
/// else gets 404; hostile input is a problem and writes nothing.
/// </summary>
public abstract class WorkTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_job_start_is_recorded_during_the_course_and_only_the_first_ordinary_job_counts_as_competitive()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/ips";

        var empty = await clinician.GetFromJsonAsync<JsonElement>(url);
        Assert.False(empty.GetProperty("started").GetBoolean());
        Assert.True(empty.GetProperty("canEdit").GetBoolean());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("daysToFirstCompetitiveJob").ValueKind);

        var saved = await clinician.PutAsJsonAsync(url, new { jobWishes = "Jeg vil gerne arbejde med planter", jobSearchPlan = "Besøge tre gartnerier", followAlongSupport = "Ugentlig samtale de første tre måneder", accommodations = "Korte dage i starten, fast plads" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"{url}/employer-contacts", new { on = "2026-11-10", employer = "Gartneriet Fyn", outcome = "Praktik tilbudt" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"{url}/job-starts", new { startsOn = "2026-11-12", employer = "Gartneriet Fyn", hoursPerWeek = 12, kind = "WorkPlacement" })).StatusCode);
        var afterPlacement = await clinician.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(JsonValueKind.Null, afterPlacement.GetProperty("daysToFirstCompetitiveJob").ValueKind);

        var hired = await (await clinician.PostAsJsonAsync($"{url}/job-starts", new { startsOn = "2026-11-20", employer = "Gartneriet Fyn", hoursPerWeek = 15.5, kind = "OrdinaryJob" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(19, hired.GetProperty("daysToFirstCompetitiveJob").GetInt32()); // 1 to 20 November
        Assert.Equal("2026-11-20", hired.GetProperty("firstCompetitiveJobOn").GetString());
        Assert.Equal(["OrdinaryJob", "WorkPlacement"], hired.GetProperty("jobStarts").EnumerateArray().Select(j => j.GetProperty("kind").GetString()));
        Assert.Equal(15.5m, hired.GetProperty("jobStarts")[0].GetProperty("hoursPerWeek").GetDecimal());
        Assert.Equal("Korte dage i starten, fast plads", hired.GetProperty("accommodations").GetString());
        Assert.Equal("Praktik tilbudt", hired.GetProperty("employerContacts")[0].GetProperty("outcome").GetString());

        // A later ordinary job does not move the first one.
        var later = await (await clinician.PostAsJsonAsync($"{url}/job-starts", new { startsOn = "2026-11-21", employer = "Andet firma", hoursPerWeek = 20, kind = "OrdinaryJob" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(19, later.GetProperty("daysToFirstCompetitiveJob").GetInt32());

        var citizenId = await factory.WithDbAsync(db => db.Courses.Where(c => c.Id == courseId).Select(c => c.CitizenId).SingleAsync());
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && (e.ResourceType == "IpsTrack" || e.ResourceType == "JobStart" || e.ResourceType == "EmployerContact")).Select(e => new { e.Category, e.Action, e.ResourceType }).ToListAsync());
        Assert.All(logged, e => Assert.Equal(InformationCategory.WorkAndIncome, e.Category));
        Assert.Contains(logged, e => e.ResourceType == "IpsTrack" && e.Action == AccessAction.Read);
        Assert.Contains(logged, e => e.ResourceType == "IpsTrack" && e.Action == AccessAction.Create);
        Assert.Equal(3, logged.Count(e => e.ResourceType == "JobStart" && e.Action == AccessAction.Create));
    }

    [Fact]
    public async Task The_consultant_takes_the_case_and_sees_it_on_the_caseload_with_the_last_employer_contact()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician, givenName: "Caseload")).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/ips";
        Assert.Equal(HttpStatusCode.OK, (await clinician.PutAsJsonAsync($"{url}/consultant", new { take = true })).StatusCode);
        await clinician.PostAsJsonAsync($"{url}/employer-contacts", new { on = "2026-11-05", employer = "A/S Et", outcome = "Nej tak" });
        await clinician.PostAsJsonAsync($"{url}/employer-contacts", new { on = "2026-11-18", employer = "A/S To" });

        var caseload = await clinician.GetFromJsonAsync<JsonElement>("/api/v1/me/ips-caseload");
        var mine = caseload.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("courseId").GetGuid() == courseId);
        Assert.Equal("2026-11-18", mine.GetProperty("lastEmployerContact").GetString());
        Assert.Equal("Caseload Demo-Testesen", mine.GetProperty("citizenName").GetString());
        Assert.Equal(20, caseload.GetProperty("maxCases").GetInt32());
        Assert.Equal(caseload.GetProperty("cases").GetArrayLength(), caseload.GetProperty("openCases").GetInt32());
        Assert.Equal(caseload.GetProperty("openCases").GetInt32() > 20, caseload.GetProperty("overloaded").GetBoolean());
        Assert.True((await clinician.GetFromJsonAsync<JsonElement>(url)).GetProperty("isConsultant").GetBoolean());

        // Closing the IPS support takes the case off the caseload; the page shows the caseload.
        Assert.Equal(HttpStatusCode.OK, (await clinician.PutAsJsonAsync(url, new { closedOn = "2026-11-21" })).StatusCode);
        var after = await clinician.GetFromJsonAsync<JsonElement>("/api/v1/me/ips-caseload");
        Assert.DoesNotContain(after.GetProperty("cases").EnumerateArray(), c => c.GetProperty("courseId").GetGuid() == courseId);
        using var browser = await factory.CookieClientAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Work/Caseload")).StatusCode);
        var workPage = await browser.GetStringAsync($"/Courses/{courseId}/work");
        Assert.Contains("A/S To", workPage, StringComparison.Ordinal);

        using var citizen = await factory.ClientForAsync("borger.louise");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/v1/me/ips-caseload")).StatusCode);
    }

    [Fact]
    public async Task The_income_basis_keeps_its_history_and_counts_the_days_to_the_first_clarification()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/income-basis";
        var empty = await clinician.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("current").ValueKind);
        Assert.True(empty.GetProperty("canRecord").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync(url, new { basis = "SicknessBenefit", clarifiedOn = "2026-11-08", clarifiedBy = "Jobcenter Odense, sagsbehandler" })).StatusCode);
        var now = await (await clinician.PostAsJsonAsync(url, new { basis = "JobClarificationCourse", clarifiedOn = "2026-11-20", note = "Overgang fra sygedagpenge" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("JobClarificationCourse", now.GetProperty("current").GetProperty("basis").GetString());
        Assert.Equal("Mette Demo-Lindberg", now.GetProperty("current").GetProperty("clarifiedBy").GetString());
        Assert.Equal(7, now.GetProperty("daysToClarification").GetInt32());
        Assert.Equal(["JobClarificationCourse", "SicknessBenefit"], now.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("basis").GetString()));
        Assert.Equal("Jobcenter Odense, sagsbehandler", now.GetProperty("history")[1].GetProperty("clarifiedBy").GetString());

        // Shown on the course's agreement form.
        (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/plan", new { })).Dispose(); // the aftaleskema is the plan's
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var agreement = await browser.GetStringAsync($"/Courses/{courseId}/plan/aftaleskema");
        Assert.Contains("data-testid=\"agreement-income-basis\"", agreement, StringComparison.Ordinal);
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "IncomeBasis").Select(e => e.Category).Distinct().ToListAsync());
        Assert.Equal([InformationCategory.WorkAndIncome], logged);
    }

    [Fact]
    public async Task A_stranger_gets_404_a_consent_must_cover_work_and_the_citizen_writes_only_the_job_wishes()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var ips = $"/api/v1/courses/{courseId}/ips";
        var income = $"/api/v1/courses/{courseId}/income-basis";
        await clinician.PutAsJsonAsync(ips, new { jobWishes = "Lager" });

        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(ips)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(income)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"{ips}/job-starts", new { startsOn = "2026-11-20", employer = "X", hoursPerWeek = 5, kind = "OrdinaryJob" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{Guid.NewGuid()}/ips")).StatusCode);

        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        var jobcentre = new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Kolding") };
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "PlanAndGoals"], jobcentre);
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.GetAsync(ips)).StatusCode);
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "WorkAndIncome"], jobcentre);
        var read = await kolding.GetFromJsonAsync<JsonElement>(ips);
        Assert.Equal("Lager", read.GetProperty("jobWishes").GetString());
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.PostAsJsonAsync(income, new { basis = "Pension", clarifiedOn = "2026-11-20" })).StatusCode);

        using var citizen = await factory.ClientForAsync("borger.louise");
        var ownCourse = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var wrote = await citizen.PutAsJsonAsync($"/api/v1/courses/{ownCourse}/ips/job-wishes", new { jobWishes = "Jeg vil arbejde i en børnehave" });
        Assert.Equal(HttpStatusCode.OK, wrote.StatusCode);
        var mine = await wrote.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Jeg vil arbejde i en børnehave", mine.GetProperty("jobWishes").GetString());
        Assert.True(mine.GetProperty("canWriteJobWishes").GetBoolean());
        Assert.False(mine.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync($"/api/v1/courses/{ownCourse}/ips/job-starts", new { startsOn = "2026-11-20", employer = "X", hoursPerWeek = 5, kind = "OrdinaryJob" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync(ips)).StatusCode);
        using var citizenPage = await factory.CookieClientAsync("borger.louise");
        var myWork = await citizenPage.GetStringAsync($"/Courses/{ownCourse}/work");
        Assert.Contains("Jeg vil arbejde i en børnehave", myWork, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"job-wishes-form\"", myWork, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"job-start-form\"", myWork, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_input_is_a_validation_problem_and_writes_nothing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var ips = $"/api/v1/courses/{courseId}/ips";
        var bad = new (string Url, HttpMethod Method, string Json)[]
        {
            ($"{ips}", HttpMethod.Put, JsonSerializer.Serialize(new { jobWishes = new string('x', 4001) })),
            ($"{ips}", HttpMethod.Put, JsonSerializer.Serialize(new { jobSearchPlan = "a\u0000b" })),
            ($"{ips}", HttpMethod.Put, JsonSerializer.Serialize(new { closedOn = "2027-01-01" })),
            ($"{ips}/job-wishes", HttpMethod.Put, "{\"jobWishes\": 42}"),
            ($"{ips}/consultant", HttpMethod.Put, "{}"),
            ($"{ips}/employer-contacts", HttpMethod.Post, JsonSerializer.Serialize(new { on = "2026-12-24", employer = "Fremtiden" })),
            ($"{ips}/employer-contacts", HttpMethod.Post, JsonSerializer.Serialize(new { on = "2026-10-01", employer = "Før forløbet" })),
            ($"{ips}/employer-contacts", HttpMethod.Post, JsonSerializer.Serialize(new { on = "2026-11-10", employer = "" })),
            ($"{ips}/employer-contacts", HttpMethod.Post, "{\"on\": \"not a date\", \"employer\": \"X\"}"),
            ($"{ips}/job-starts", HttpMethod.Post, JsonSerializer.Serialize(new { startsOn = "2026-11-20", employer = "X", hoursPerWeek = 0, kind = "OrdinaryJob" })),
            ($"{ips}/job-starts", HttpMethod.Post, JsonSerializer.Serialize(new { startsOn = "2026-11-20", employer = "X", hoursPerWeek = 81, kind = "OrdinaryJob" })),
            ($"{ips}/job-starts", HttpMethod.Post, JsonSerializer.Serialize(new { startsOn = "2026-11-20", employer = "X", hoursPerWeek = 10, kind = "Astronaut" })),
            ($"{ips}/job-starts", HttpMethod.Post, JsonSerializer.Serialize(new { startsOn = "2026-11-20", employer = "X\u0007", hoursPerWeek = 10, kind = "OrdinaryJob" })),
            ($"{ips}/job-starts", HttpMethod.Post, JsonSerializer.Serialize(new { employer = "X", hoursPerWeek = 10, kind = "OrdinaryJob" })),
            ($"{ips}/job-starts", HttpMethod.Post, "[1, 2, 3]"),
            ($"/api/v1/courses/{courseId}/income-basis", HttpMethod.Post, JsonSerializer.Serialize(new { basis = "Lottery", clarifiedOn = "2026-11-20" })),
            ($"/api/v1/courses/{courseId}/income-basis", HttpMethod.Post, JsonSerializer.Serialize(new { basis = "Pension", clarifiedOn = "2026-12-31" })),
            ($"/api/v1/courses/{courseId}/income-basis", HttpMethod.Post, JsonSerializer.Serialize(new { basis = "Pension", clarifiedOn = "2026-11-20", note = new string('n', 1001) })),
            ($"/api/v1/courses/{courseId}/income-basis", HttpMethod.Post, JsonSerializer.Serialize(new { basis = 99, clarifiedOn = "2026-11-20" })),
        };
        foreach (var (url, method, json) in bad)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await clinician.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} {json}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/v1/courses/not-a-guid/ips")).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.JobStarts.CountAsync(j => j.CourseId == courseId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.EmployerContacts.CountAsync(j => j.CourseId == courseId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.IncomeBasisEntries.CountAsync(j => j.CourseId == courseId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.IpsTracks.CountAsync(j => j.CourseId == courseId && (j.JobWishes != null || j.JobSearchPlan != null || j.ClosedOn != null))));
    }
}

public sealed class WorkTestsOnSqlite(SqliteFactory factory) : WorkTests(factory), IClassFixture<SqliteFactory>;

public sealed class WorkTestsOnPostgres(PostgresFactory factory) : WorkTests(factory), IClassFixture<PostgresFactory>;
