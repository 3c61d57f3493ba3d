using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// The steering group's dashboard and the work attachment behind it, through the API. The demo's
/// Odense courses that ended between March and May 2026 (250–205 days before the tests' "now") are
/// the fixed ground: other tests create courses around November 2026, outside that period.
/// </summary>
public abstract class ReportingApiTests(SamspilFactory factory)
{
    private const string SpringPeriod = "from=2026-03-01&to=2026-05-31";

    [Fact]
    public async Task An_administrator_gets_the_figures_of_their_municipality_with_small_counts_suppressed()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var odense = await TestData.OrganizationIdAsync(admin, "Odense Kommune");
        var before = await factory.WithDbAsync(db => db.AccessLog.CountAsync());

        var response = await admin.GetAsync($"/api/v1/reports/dashboard?municipality={odense}&{SpringPeriod}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var figures = body.GetProperty("figures");
        Assert.Equal("Odense Kommune", body.GetProperty("filter").GetProperty("municipalityName").GetString());

        // Ten demo courses ended in the period: five in an ordinary job, five with no attachment.
        var atEnd = figures.GetProperty("workAtEnd");
        Assert.Equal(10, Value(atEnd.GetProperty("courses")));
        Assert.Equal(5, Value(Part(atEnd.GetProperty("byStatus"), "OrdinaryJob")));
        Assert.Equal(5, Value(Part(atEnd.GetProperty("byStatus"), "None")));
        Assert.Equal(50m, atEnd.GetProperty("attachedShare").GetProperty("value").GetDecimal());
        Assert.True(Value(figures.GetProperty("courses")) >= 10);

        // Every cell is Shown with a value, or Suppressed/NoData without one; no shown count is 1–4.
        var cells = Cells(figures).ToList();
        Assert.Contains(cells, c => c.GetProperty("status").GetString() == "Suppressed");
        Assert.All(cells, c =>
        {
            var status = c.GetProperty("status").GetString();
            Assert.Equal(status == "Shown", c.GetProperty("value").ValueKind == JsonValueKind.Number);
            if (status == "Shown" && c.GetProperty("kind").GetString() == "Count")
            {
                Assert.False(c.GetProperty("value").GetDecimal() is >= 1 and < 5);
            }
        });

        // Admissions come from the screening store by person key: the courses started at least a year ago are counted.
        var admissionCourses = Value(figures.GetProperty("admissions").GetProperty("courses"));
        Assert.InRange(admissionCourses, 5, Value(figures.GetProperty("courses")));

        // Only anonymous aggregates left the server, so nothing was written to any citizen's access log.
        Assert.Equal(before, await factory.WithDbAsync(db => db.AccessLog.CountAsync()));
    }

    [Fact]
    public async Task The_CSV_has_the_same_figures_with_Danish_headings_for_Excel()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var odense = await TestData.OrganizationIdAsync(admin, "Odense Kommune");
        var response = await admin.GetAsync($"/api/v1/reports/dashboard.csv?municipality={odense}&{SpringPeriod}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("styringsdata-2026-03-01-2026-05-31.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Afsnit;Nøgletal;Værdi", lines[0]);
        Assert.Contains("Udtræk;Kommune;Odense Kommune", lines);
        Assert.Contains("Beskæftigelse ved afslutning;Ordinært job;5", lines);
        Assert.Contains("Beskæftigelse ved afslutning;Andel i job, praktik, revalidering eller uddannelse (%);50,0", lines);
        Assert.Contains(lines, l => l.EndsWith(";<5", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.EndsWith(";ingen data", StringComparison.Ordinal)); // admissions are connected
        Assert.All(lines, l => Assert.Equal(2, l.Count(c => c == ';')));
    }

    [Fact]
    public async Task Only_administrators_see_figures_and_only_for_courses_their_organisation_is_part_of()
    {
        foreach (var login in new[] { "behandler.odense", "sagsbehandler.odense", "borger.preben" })
        {
            using var other = await factory.ClientForAsync(login);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/reports/dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/reports/dashboard.csv")).StatusCode);
        }

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/reports/dashboard")).StatusCode);

        // Odense's administrator asking about Kolding gets nothing: those courses are not Odense's.
        using var odense = await factory.ClientForAsync("admin.odense");
        var kolding = await TestData.OrganizationIdAsync(odense, "Kolding Kommune");
        var figures = (await odense.GetFromJsonAsync<JsonElement>($"/api/v1/reports/dashboard?municipality={kolding}")).GetProperty("figures");
        Assert.Equal(0, Value(figures.GetProperty("courses")));

        // The trauma clinic's administrator sees Odense courses the clinic runs, not those the job centre runs with the ward.
        using var clinic = await factory.ClientForAsync("admin.traume");
        var odenseId = await TestData.OrganizationIdAsync(clinic, "Odense Kommune");
        var clinicFigures = (await clinic.GetFromJsonAsync<JsonElement>($"/api/v1/reports/dashboard?municipality={odenseId}&{SpringPeriod}")).GetProperty("figures");
        Assert.Equal(0, Value(clinicFigures.GetProperty("workAtEnd").GetProperty("courses")));
    }

    [Theory]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=' OR 1=1 --", "from")]
    [InlineData("from=2026-06-01&to=2026-01-01", "to")]
    [InlineData("from=2000-01-01&to=2026-01-01", "from")]
    [InlineData("from=1899-12-31", "from")]
    [InlineData("municipality=00000000-0000-0000-0000-000000000001", "municipality")]
    [InlineData("municipality=not-a-guid", "municipality")]
    [InlineData("organization=%00", "organization")]
    [InlineData("targetGroup=%3Cscript%3E", "targetGroup")]
    [InlineData("basis=7", "basis")]
    [InlineData("basis=everything", "basis")]
    public async Task Bad_filters_get_a_problem_naming_the_field(string query, string field)
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        foreach (var path in new[] { "/api/v1/reports/dashboard", "/api/v1/reports/dashboard.csv" })
        {
            var response = await admin.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }

    [Fact]
    public async Task A_manager_sees_the_figures_of_their_clinic_and_the_units_below_it_and_no_other_organisations()
    {
        // leder.odense heads Traumeklinikken Odense. Her figures are exactly those the trauma clinic's administrator
        // gets for the Odense clinic; the Vejle clinic next to it (same parent) is outside her tree.
        using var manager = await factory.ClientForAsync("leder.odense");
        using var clinic = await factory.ClientForAsync("admin.traume");
        var odenseClinic = await OrganizationIdByNameAsync("Traumeklinikken Odense");
        var vejleClinic = await OrganizationIdByNameAsync("Traumeklinikken Vejle");
        var before = await factory.WithDbAsync(db => db.AccessLog.CountAsync());

        var own = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard");
        var sameForAdmin = await clinic.GetFromJsonAsync<JsonElement>($"/api/v1/reports/dashboard?organization={odenseClinic}");
        var wholeClinic = await clinic.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard");
        var courses = Value(own.GetProperty("figures").GetProperty("courses"));
        Assert.True(courses >= 5, $"{courses}");
        Assert.Equal(sameForAdmin.GetProperty("figures").GetRawText(), own.GetProperty("figures").GetRawText());
        Assert.True(Value(wholeClinic.GetProperty("figures").GetProperty("courses")) > courses);

        // Asking for the Vejle clinic (outside the tree) gives no courses, not Vejle's figures.
        var vejle = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/reports/dashboard?organization={vejleClinic}");
        Assert.Equal(0, Value(vejle.GetProperty("figures").GetProperty("courses")));
        Assert.True(Value((await clinic.GetFromJsonAsync<JsonElement>($"/api/v1/reports/dashboard?organization={vejleClinic}")).GetProperty("figures").GetProperty("courses")) > 0);

        // The organisation filter offers her own tree only; the CSV has the same scope.
        var options = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard/options");
        Assert.Equal(["Traumeklinikken Odense"], options.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        var csv = await manager.GetAsync("/api/v1/reports/dashboard.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Forløb", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The page is hers too (a cookie session, as in the browser).
        using var browser = await factory.CookieClientAsync("leder.odense");
        var page = await browser.GetAsync("/Reports");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"report-filters\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Aggregates only: nothing in any citizen's access log.
        Assert.Equal(before, await factory.WithDbAsync(db => db.AccessLog.CountAsync()));
    }

    [Fact]
    public async Task A_manager_reads_no_citizen_data_every_read_of_a_course_in_their_tree_is_404()
    {
        var odenseClinic = await OrganizationIdByNameAsync("Traumeklinikken Odense");
        var course = await factory.WithDbAsync(db => db.Courses.Where(c => c.RecordedByOrganizationId == odenseClinic && db.Conversations.Any(t => t.CourseId == c.Id))
            .Select(c => new { c.Id, c.CitizenId, Conversation = db.Conversations.Where(t => t.CourseId == c.Id).Select(t => t.Id).First() }).FirstAsync());
        using var clinic = await factory.ClientForAsync("admin.traume");
        Assert.Equal(HttpStatusCode.OK, (await clinic.GetAsync($"/api/v1/courses/{course.Id}")).StatusCode); // the course is there, for those who may read it

        using var manager = await factory.ClientForAsync("leder.odense");
        foreach (var path in new[]
        {
            $"/api/v1/courses/{course.Id}", $"/api/v1/courses/{course.Id}/plan", $"/api/v1/courses/{course.Id}/meetings",
            $"/api/v1/courses/{course.Id}/network", $"/api/v1/courses/{course.Id}/consents", $"/api/v1/courses/{course.Id}/conversations",
            $"/api/v1/conversations/{course.Conversation}", $"/api/v1/citizens/{course.CitizenId}", $"/api/v1/courses/{course.Id}/work-attachment",
        })
        {
            Assert.True((await manager.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);
        }

        Assert.Equal(0, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true")).GetArrayLength());
        using var browser = await factory.CookieClientAsync("leder.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Courses/{course.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("from=%27%3B%20DROP%20TABLE%20courses%3B--", "from", "Datoen skal skrives som åååå-mm-dd")]
    [InlineData("to=9999-99-99", "to", "Datoen skal skrives som åååå-mm-dd")]
    [InlineData("organization=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "organization", "Organisationen findes ikke.")]
    [InlineData("municipality=ffffffff-ffff-ffff-ffff-ffffffffffff", "municipality", "Kommunen findes ikke.")]
    [InlineData("basis=-1", "basis", "Vælg aktive eller startede forløb.")]
    public async Task Hostile_filters_from_a_manager_get_a_problem_or_a_readable_message_never_a_500(string query, string field, string message)
    {
        using var manager = await factory.ClientForAsync("leder.odense");
        foreach (var path in new[] { "/api/v1/reports/dashboard", "/api/v1/reports/dashboard.csv" })
        {
            var response = await manager.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }

        using var browser = await factory.CookieClientAsync("leder.odense");
        var page = await browser.GetAsync($"/Reports?{query}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_centre_caseworker_records_and_corrects_work_attachment_and_the_change_is_logged()
    {
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        var courseId = await DemoCourseAsync(caseworker, "Ali Demo-Jabari");

        var view = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/work-attachment");
        Assert.Equal("OrdinaryJob", view.GetProperty("courseEnd").GetProperty("status").GetString());
        Assert.True(view.GetProperty("canRecordFollowUp").GetBoolean());

        var corrected = await caseworker.PutAsJsonAsync($"/api/v1/courses/{courseId}/work-attachment", new { point = "SixMonthsAfter", status = "Education" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var after = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Education", after.GetProperty("sixMonthsAfter").GetProperty("status").GetString());
        Assert.Equal("Birgitte Demo-Aagaard", after.GetProperty("sixMonthsAfter").GetProperty("recordedBy").GetString());

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "WorkAttachment" && e.Action == Domain.Audit.AccessAction.Update).Select(e => e.Category).ToListAsync());
        Assert.NotEmpty(logged);
        Assert.All(logged, c => Assert.Equal(InformationCategory.WorkAndIncome, c));

        // A clinician with no basis for this course does not learn it exists.
        using var clinician = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{courseId}/work-attachment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PutAsJsonAsync($"/api/v1/courses/{courseId}/work-attachment", new { point = "CourseEnd", status = "None" })).StatusCode);
    }

    [Fact]
    public async Task Work_attachment_waits_for_the_course_to_end_and_refuses_bad_input_without_writing()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/work-attachment";

        var early = await clinician.PutAsJsonAsync(url, new { point = "CourseEnd", status = "FlexJob" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("Forløbet er ikke afsluttet endnu.", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/end", new { endDate = "2026-11-22" })).StatusCode);

        foreach (var bad in new object[] { new { point = "CourseEnd", status = "Unemployed" }, new { point = "CourseEnd" }, new { status = "None" }, new { point = "Later", status = "None" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await clinician.PutAsJsonAsync(url, bad)).StatusCode);
        }

        var notYet = await clinician.PutAsJsonAsync(url, new { point = "SixMonthsAfter", status = "None" });
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.WorkAttachments.CountAsync(w => w.CourseId == courseId)));

        var recorded = await clinician.PutAsJsonAsync(url, new { point = "CourseEnd", status = "FlexJob" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var view = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FlexJob", view.GetProperty("courseEnd").GetProperty("status").GetString());
        Assert.Equal("2027-05-08", view.GetProperty("followUpOpensOn").GetString());
        Assert.False(view.GetProperty("canRecordFollowUp").GetBoolean());

        using var citizen = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PutAsJsonAsync(url, new { point = "CourseEnd", status = "None" })).StatusCode);
    }

    private static async Task<Guid> DemoCourseAsync(HttpClient client, string name)
    {
        var courses = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true&q=" + Uri.EscapeDataString(name));
        return courses.EnumerateArray().Single(c => c.GetProperty("citizenName").GetString() == name).GetProperty("id").GetGuid();
    }

    private Task<Guid> OrganizationIdByNameAsync(string name) =>
        factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static JsonElement Part(JsonElement parts, string key) => parts.EnumerateArray().Single(p => p.GetProperty("key").GetString() == key).GetProperty("cell");

    private static int Value(JsonElement cell)
    {
        Assert.Equal("Shown", cell.GetProperty("status").GetString());
        return (int)cell.GetProperty("value").GetDecimal();
    }

    private static IEnumerable<JsonElement> Cells(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("status", out _) && element.TryGetProperty("kind", out _))
            {
                yield return element;
                yield break;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var cell in Cells(property.Value))
                {
                    yield return cell;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var cell in Cells(item))
                {
                    yield return cell;
                }
            }
        }
    }
}

public sealed class ReportingApiTestsOnSqlite(SqliteFactory factory) : ReportingApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class ReportingApiTestsOnPostgres(PostgresFactory factory) : ReportingApiTests(factory), IClassFixture<PostgresFactory>;
