using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;
using Samspil.IntegrationTests.Notifications;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 17 point 8 (docs/deadlines.md): statutory deadlines on a course, started from the frames' deadlines. Each is read in
/// its own category through the access layer and logged; staff who may change the course start and mark them; a stranger gets
/// 404, a citizen 403 on writes; hostile input is a problem and writes nothing; the reminder reaches the members of the rule's
/// organisation kind once per due date.
/// </summary>
public abstract class DeadlineTests(SamspilFactory factory)
{
    private DateOnly Today => DateOnly.FromDateTime(Samspil.Infrastructure.Time.CopenhagenTime.ToLocal(factory.Time.GetUtcNow()).DateTime);

    [Fact]
    public async Task The_sickness_benefit_follow_up_runs_from_the_first_day_of_absence_is_overdue_in_week_nine_and_is_marked_done()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician, givenName: "Fristina")).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/deadlines";

        var empty = await clinician.GetFromJsonAsync<JsonElement>(url, SamspilFactory.Json);
        Assert.Empty(empty.GetProperty("deadlines").EnumerateArray());
        Assert.True(empty.GetProperty("canChange").GetBoolean());
        Assert.Contains(empty.GetProperty("rules").EnumerateArray(), r => r.GetProperty("kind").GetString() == "JobCentre" && r.GetProperty("name").GetString() == "Første opfølgningssamtale" && r.GetProperty("remindDaysBefore").GetInt32() == 14);
        Assert.DoesNotContain(empty.GetProperty("rules").EnumerateArray(), r => r.GetProperty("name").GetString() == "Handleplan"); // an ongoing duty has no due date

        var absence = Today.AddDays(-60);
        var started = await clinician.PostAsJsonAsync(url, new { kind = "jobcentre", name = "første opfølgningssamtale", startsOn = NotificationKit.Day(absence), note = "Sygemeldt efter indlæggelse" });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var deadline = (await started.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("deadlines").EnumerateArray().Single();
        Assert.Equal(NotificationKit.Day(absence.AddDays(56)), deadline.GetProperty("nextDue").GetString());
        Assert.Equal("Overdue", deadline.GetProperty("status").GetString());
        Assert.Equal("Lov om sygedagpenge (opfølgning)", deadline.GetProperty("legalReference").GetString());
        Assert.Equal("JobCentre", deadline.GetProperty("remindKind").GetString());

        // The same deadline cannot run twice at once.
        var again = await clinician.PostAsJsonAsync(url, new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = NotificationKit.Day(absence) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        // The reassessment at week 22 and the driving ban's review after half a year run beside it, the most urgent first.
        await clinician.PostAsJsonAsync(url, new { kind = "JobCentre", name = "Revurdering af retten til sygedagpenge", startsOn = NotificationKit.Day(absence) });
        var both = await (await clinician.PostAsJsonAsync(url, new { kind = "GpClinic", name = "Revurdering af kørselsforbud", startsOn = NotificationKit.Day(Today.AddDays(-10)) })).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var names = both.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Første opfølgningssamtale", "Revurdering af retten til sygedagpenge", "Revurdering af kørselsforbud"], names);
        Assert.Equal(NotificationKit.Day(absence.AddDays(154)), both.GetProperty("deadlines")[1].GetProperty("nextDue").GetString());
        Assert.Equal(NotificationKit.Day(Today.AddDays(-10).AddMonths(6)), both.GetProperty("deadlines")[2].GetProperty("nextDue").GetString());

        var id = deadline.GetProperty("id").GetGuid();
        var done = await clinician.PatchAsJsonAsync($"{url}/{id}", new { done = true, on = NotificationKit.Day(Today.AddDays(-1)) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var after = (await done.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id);
        Assert.Equal("Done", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("nextDue").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await clinician.PatchAsJsonAsync($"{url}/{id}", new { done = true })).StatusCode);

        // Every read is logged in the deadline's own category.
        var citizenId = await factory.WithDbAsync(db => db.Courses.Where(c => c.Id == courseId).Select(c => c.CitizenId).SingleAsync());
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.ResourceType == "CourseDeadline").Select(e => new { e.Category, e.Action }).ToListAsync());
        Assert.Contains(logged, e => e.Category == InformationCategory.WorkAndIncome && e.Action == AccessAction.Read);
        Assert.Contains(logged, e => e.Category == InformationCategory.HealthAndTreatment && e.Action == AccessAction.Read);
        Assert.Equal(3, logged.Count(e => e.Action == AccessAction.Create));
        Assert.Contains(logged, e => e.Category == InformationCategory.WorkAndIncome && e.Action == AccessAction.Update);

        // The page shows the deadlines with the law reference; the overdue one is marked.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = await browser.GetStringAsync($"/Courses/{courseId}/deadlines");
        Assert.Contains("Revurdering af kørselsforbud", page, StringComparison.Ordinal);
        Assert.Contains("Kørekortbekendtgørelsen", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_that_runs_from_a_date_on_the_course_takes_it_from_the_course()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var frame = await admin.PutAsJsonAsync("/api/v1/frames/MunicipalHealth", new
        {
            deadlines = new object[]
            {
                new { name = "Opfølgning efter forløbets start", type = "Within", amount = 10, unit = "Weeks", runsFrom = "forløbets start", legalReference = "Sundhedsloven (test)", startEvent = "CourseStart", remindDaysBefore = 7 },
                new { name = "Opfølgning efter afklaring", type = "Within", amount = 2, unit = "Months", runsFrom = "afklaring", legalReference = "Sundhedsloven (test)", startEvent = "IncomeBasisClarified", remindDaysBefore = 7, remindKind = "JobCentre" },
            },
        }, SamspilFactory.Json);
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());

        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/deadlines";
        var fromCourse = await (await clinician.PostAsJsonAsync(url, new { kind = "MunicipalHealth", name = "Opfølgning efter forløbets start" })).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var d = fromCourse.GetProperty("deadlines").EnumerateArray().Single();
        Assert.Equal("2026-11-01", d.GetProperty("startsOn").GetString());
        Assert.Equal("CourseStart", d.GetProperty("startEvent").GetString());
        Assert.Equal("2027-01-10", d.GetProperty("nextDue").GetString());

        // No income basis yet: the date must be given.
        var missing = await clinician.PostAsJsonAsync(url, new { kind = "MunicipalHealth", name = "Opfølgning efter afklaring" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("startsOn", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/income-basis", new { basis = "SicknessBenefit", clarifiedOn = "2026-11-08" });
        var fromIncome = await (await clinician.PostAsJsonAsync(url, new { kind = "MunicipalHealth", name = "Opfølgning efter afklaring" })).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var income = fromIncome.GetProperty("deadlines").EnumerateArray().Single(x => x.GetProperty("startEvent").GetString() == "IncomeBasisClarified");
        Assert.Equal("2026-11-08", income.GetProperty("startsOn").GetString());
        Assert.Equal("2027-01-08", income.GetProperty("nextDue").GetString());
        Assert.Equal("JobCentre", income.GetProperty("remindKind").GetString());
    }

    [Fact]
    public async Task Each_deadline_shows_only_to_readers_of_its_category_a_stranger_gets_404_and_a_citizen_cannot_write()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/deadlines";
        var work = await (await clinician.PostAsJsonAsync(url, new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = NotificationKit.Day(Today.AddDays(-20)) })).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var workId = work.GetProperty("deadlines")[0].GetProperty("id").GetGuid();
        await clinician.PostAsJsonAsync(url, new { kind = "GpClinic", name = "Revurdering af kørselsforbud", startsOn = NotificationKit.Day(Today.AddDays(-20)) });

        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(url, new { kind = "JobCentre", name = "Arbejdsgiverperioden", startsOn = NotificationKit.Day(Today) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PatchAsJsonAsync($"{url}/{workId}", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{Guid.NewGuid()}/deadlines")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PatchAsJsonAsync($"{url}/{Guid.NewGuid()}", new { done = true })).StatusCode);
        using var strangerPage = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.GetAsync($"/Courses/{courseId}/deadlines")).StatusCode);

        // Kolding's job centre with status only sees that some deadlines are hidden; with work and income, the job centre's own.
        using var kolding = await factory.ClientForAsync("sagsbehandler.kolding");
        var jobcentre = new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Kolding") };
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments"], jobcentre);
        var statusOnly = await kolding.GetFromJsonAsync<JsonElement>(url, SamspilFactory.Json);
        Assert.Empty(statusOnly.GetProperty("deadlines").EnumerateArray());
        Assert.True(statusOnly.GetProperty("someHidden").GetBoolean());
        Assert.False(statusOnly.GetProperty("canChange").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await kolding.PatchAsJsonAsync($"{url}/{workId}", new { done = true })).StatusCode); // reads, may not change
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "WorkAndIncome"], jobcentre);
        var withWork = await kolding.GetFromJsonAsync<JsonElement>(url, SamspilFactory.Json);
        Assert.Equal(["Første opfølgningssamtale"], withWork.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.True(withWork.GetProperty("someHidden").GetBoolean());

        // The citizen reads their own deadlines and cannot start or mark one.
        using var citizen = await factory.ClientForAsync("borger.louise");
        var ownCourse = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        var own = await citizen.GetAsync($"/api/v1/courses/{ownCourse}/deadlines");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.False((await own.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("canChange").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync($"/api/v1/courses/{ownCourse}/deadlines", new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = NotificationKit.Day(Today) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Hostile_input_is_a_problem_and_writes_nothing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/deadlines";
        var day = NotificationKit.Day(Today.AddDays(-5));
        var bad = new (HttpMethod Method, string Url, string Json)[]
        {
            (HttpMethod.Post, url, "{}"),
            (HttpMethod.Post, url, "[1, 2, 3]"),
            (HttpMethod.Post, url, "null"),
            (HttpMethod.Post, url, "{\"kind\": \"JobCentre\", \"name\": \"Første opfølgningssamtale\", \"startsOn\": \"not a date\"}"),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "Astronauts", name = "Første opfølgningssamtale", startsOn = day })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "4", name = "Første opfølgningssamtale", startsOn = day })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = "'; DROP TABLE \"CourseDeadlines\"; --", startsOn = day })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = new string('x', 5000), startsOn = day })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = "Første opfølgningssamtale" })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = "0001-01-01" })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = "9999-12-31" })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = day, note = new string('n', 501) })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = day, note = "a\u0000b" })),
            (HttpMethod.Post, url, JsonSerializer.Serialize(new { kind = "SocialServices", name = "Handleplan", startsOn = day })),
        };
        foreach (var (method, target, json) in bad)
        {
            using var request = new HttpRequestMessage(method, target) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await clinician.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {json[..Math.Min(json.Length, 80)]}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.CourseDeadlines.CountAsync(d => d.CourseId == courseId)));

        var started = await (await clinician.PostAsJsonAsync(url, new { kind = "JobCentre", name = "Løbende opfølgningssamtaler", startsOn = day })).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var id = started.GetProperty("deadlines")[0].GetProperty("id").GetGuid();
        var badMarks = new[]
        {
            "{}",
            "{\"done\": true, \"ended\": true}",
            "{\"done\": false}",
            "{\"done\": \"yes\"}",
            JsonSerializer.Serialize(new { done = true, on = NotificationKit.Day(Today.AddDays(1)) }),
            JsonSerializer.Serialize(new { done = true, on = NotificationKit.Day(Today.AddDays(-6)) }),
            JsonSerializer.Serialize(new { ended = true, on = "1900-01-01" }),
        };
        foreach (var json in badMarks)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"{url}/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await clinician.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"PATCH {json}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.CourseDeadlines.Where(d => d.Id == id).Select(d => d.DoneCount).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/api/v1/courses/not-a-guid/deadlines")).StatusCode);

        // The page answers a bad start with a readable message, not an error page.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var form = await browser.GetStringAsync($"/Courses/{courseId}/deadlines");
        var token = SamspilFactory.AntiforgeryToken(form);
        using var post = await browser.PostAsync($"/Courses/{courseId}/deadlines?handler=Start", new FormUrlEncodedContent(new Dictionary<string, string> { ["rule"] = "JobCentre|Revurdering af retten til sygedagpenge", ["startsOn"] = "", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Angiv datoen, fristen løber fra", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_reaches_the_job_centre_on_the_network_once_and_the_coordinator_when_there_is_none()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var mette = await NotificationKit.UserIdAsync(factory, "behandler.odense");
        var caseworker = await NotificationKit.UserIdAsync(factory, "sagsbehandler.odense");
        var course = await TestData.CreateCourseAsync(clinician, givenName: "Mindeline");
        var courseId = course.GetProperty("id").GetGuid();
        var added = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Professional",
            practitionerRoleId = await CaseworkerRoleAsync(clinician),
            role = "Other",
            activeFrom = NotificationKit.Day(Today),
            citizenAgreement = new { agreedOn = NotificationKit.Day(Today), method = "Phone" },
        }, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "WorkAndIncome"], new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense") });
        var url = $"/api/v1/courses/{courseId}/deadlines";

        // Due in 6 days, reminded 14 days before: inside the window. The driving ban's review is months away: no reminder yet.
        var started = await (await clinician.PostAsJsonAsync(url, new { kind = "JobCentre", name = "Første opfølgningssamtale", startsOn = NotificationKit.Day(Today.AddDays(-50)) })).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var id = started.GetProperty("deadlines")[0].GetProperty("id").GetGuid();
        Assert.Equal("DueSoon", started.GetProperty("deadlines")[0].GetProperty("status").GetString());
        await clinician.PostAsJsonAsync(url, new { kind = "GpClinic", name = "Revurdering af kørselsforbud", startsOn = NotificationKit.Day(Today) });

        // A second course with no job-centre member: the tovholder is reminded instead.
        var lonely = (await TestData.CreateCourseAsync(clinician, givenName: "Enlina")).GetProperty("id").GetGuid();
        await clinician.PostAsJsonAsync($"/api/v1/courses/{lonely}/deadlines", new { kind = "JobCentre", name = "Arbejdsgiverperioden", startsOn = NotificationKit.Day(Today.AddDays(-40)) });

        await RunAsync();
        await RunAsync();
        var notices = await factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.DeadlineDue && (n.CourseId == courseId || n.CourseId == lonely)).ToListAsync());
        var toCaseworker = Assert.Single(notices, n => n.CourseId == courseId);
        Assert.Equal(caseworker, toCaseworker.RecipientUserId);
        Assert.Equal(InformationCategory.WorkAndIncome, toCaseworker.Category);
        Assert.Equal($"/Courses/{courseId}/deadlines#deadline-{id}", toCaseworker.Link);
        Assert.StartsWith("Første opfølgningssamtale · ", toCaseworker.Detail, StringComparison.Ordinal);
        Assert.Equal(mette, Assert.Single(notices, n => n.CourseId == lonely).RecipientUserId);

        // Marked done: nothing more; a week later still only the one notice.
        Assert.Equal(HttpStatusCode.OK, (await clinician.PatchAsJsonAsync($"{url}/{id}", new { done = true })).StatusCode);
        factory.Advance(TimeSpan.FromDays(7));
        await RunAsync();
        Assert.Equal(2, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.DeadlineDue && (n.CourseId == courseId || n.CourseId == lonely))));
    }

    private async Task RunAsync()
    {
        await using var scope = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<Guid> CaseworkerRoleAsync(HttpClient client)
    {
        var jobcentre = await TestData.OrganizationIdAsync(client, "Jobcenter Odense");
        var roles = await client.GetFromJsonAsync<JsonElement>($"/api/v1/practitioner-roles?organizationId={jobcentre}", SamspilFactory.Json);
        return roles.EnumerateArray().First(r => r.GetProperty("title").GetString()!.StartsWith("Sagsbehandler", StringComparison.Ordinal)).GetProperty("id").GetGuid();
    }
}

public sealed class DeadlineTestsOnSqlite(SqliteFactory factory) : DeadlineTests(factory), IClassFixture<SqliteFactory>;

public sealed class DeadlineTestsOnPostgres(PostgresFactory factory) : DeadlineTests(factory), IClassFixture<PostgresFactory>;
