using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Screening;
using Samspil.Features.Screening;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 7: admissions imported from CSV (good rows kept, bad rows reported, nothing doubled), the
/// analysis committee's ranked list computed by the pure engine over what is stored, links to courses
/// only where consent allows (and logged), and analysis-meeting summaries on a course. Each test uses
/// its own municipality and region codes, so tests sharing the database do not see each other's lists.
/// </summary>
public abstract class ScreeningApiTests(SamspilFactory factory)
{
    private const string Header = "person_key;municipality_code;region_code;admission_start;admission_end;acute;department";

    [Fact]
    public async Task An_import_with_good_and_bad_rows_stores_the_good_rows_and_lists_each_bad_one_by_row_number()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var key = NewKey();
        var csv = Csv(
            Row(key, "901", "9901", "2026-01-05 10:00", "2026-01-07 12:00", "ja"),
            Row(key, "901", "9901", "2026-13-40 10:00", "2026-01-20 12:00", "ja"), // row 3: impossible date
            Row(key, "901", "9901", "2026-02-01 10:00", "2026-02-03 09:00", "nej"),
            Row(key, "901", "9901", "2026-03-01 10:00", "2026-02-27 09:00", "ja"), // row 5: discharge before admission
            Row(key, "901", "9901", "2026-04-01 10:00", "2026-04-02 09:00", "ja"),
            Row(key, "901", "9901", "2026-05-01 10:00", "2026-05-02 09:00", "måske"), // row 7: acute neither yes nor no
            Row(key, "901", "9901", "2026-06-01 10:00", "2026-06-02T09:00:00+02:00", "1"));

        var response = await UploadAsync(admin, csv, "indlaeggelser.csv");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var importId = started.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/screening/imports/{importId}", response.Headers.Location?.OriginalString);

        var done = await WaitForImportAsync(admin, importId);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("percent").GetInt32());
        Assert.Equal(7, done.GetProperty("rowsRead").GetInt64());
        Assert.Equal(4, done.GetProperty("rowsInserted").GetInt64());
        Assert.Equal(3, done.GetProperty("rowsRejected").GetInt64());
        Assert.Equal("indlaeggelser.csv", done.GetProperty("fileName").GetString());
        var errors = done.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([3L, 5L, 7L], errors.Select(e => e.GetProperty("row").GetInt64()));
        Assert.Equal(["InvalidTimestamp", "EndBeforeStart", "InvalidAcute"], errors.Select(e => e.GetProperty("code").GetString()));
        Assert.Equal(["admission_start", "admission_end", "acute"], errors.Select(e => e.GetProperty("column").GetString()));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.DoesNotContain(key, done.GetRawText(), StringComparison.Ordinal); // the report never quotes a row

        var stored = await factory.WithDbAsync(db => db.Admissions.Where(a => a.PersonKey == key).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(4, stored.Count);
        Assert.All(stored, a => Assert.Equal(importId, a.ImportId));
        Assert.All(stored, a => Assert.Equal(AdmissionSource.CsvImport, a.Source));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), stored[0].Start); // Danish winter time
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 7, 0, 0, TimeSpan.Zero), stored[3].End);

        var recent = await admin.GetFromJsonAsync<JsonElement>("/api/v1/screening/imports");
        Assert.Contains(recent.EnumerateArray(), i => i.GetProperty("id").GetGuid() == importId);
    }

    [Fact]
    public async Task Importing_the_same_rows_again_doubles_nothing_and_a_corrected_discharge_updates_the_stay()
    {
        using var admin = await factory.ClientForAsync("admin.odense");
        var key = NewKey();
        var rows = new[]
        {
            Row(key, "902", "9902", "2026-01-05 10:00", "2026-01-07 12:00", "ja"),
            Row(key, "902", "9902", "2026-02-05 10:00", "2026-02-07 12:00", "ja"),
            Row(key, "902", "9902", "2026-03-05 10:00", "2026-03-07 12:00", "nej"),
        };

        var first = await ImportAsync(admin, Csv(rows));
        Assert.Equal(3, first.GetProperty("rowsInserted").GetInt64());
        var again = await ImportAsync(admin, Csv(rows));
        Assert.Equal(0, again.GetProperty("rowsInserted").GetInt64());
        Assert.Equal(3, again.GetProperty("rowsUnchanged").GetInt64());
        Assert.Equal(3, await factory.WithDbAsync(db => db.Admissions.CountAsync(a => a.PersonKey == key)));

        // The same stay (person, start, department) with a later discharge: updated, not added.
        var corrected = await ImportAsync(admin, Csv(Row(key, "902", "9902", "2026-03-05 10:00", "2026-03-09 08:00", "nej"), rows[0]));
        Assert.Equal(0, corrected.GetProperty("rowsInserted").GetInt64());
        Assert.Equal(1, corrected.GetProperty("rowsUpdated").GetInt64());
        Assert.Equal(1, corrected.GetProperty("rowsUnchanged").GetInt64());
        var stays = await factory.WithDbAsync(db => db.Admissions.Where(a => a.PersonKey == key).ToListAsync());
        Assert.Equal(3, stays.Count);
        Assert.Contains(stays, a => a.End == new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero));

        // A hospital notification of a stay already imported is the same stay too.
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AdmissionStore>();
        var notified = await store.AddFromHospitalNotificationAsync(
            new AdmissionEvent(key, "902", "9902", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 8, 9, 0, 0, TimeSpan.Zero), true, "Afdeling 902"), CancellationToken.None);
        Assert.Equal(new AdmissionStoreCounts(0, 1, 0), notified);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Admissions.CountAsync(a => a.PersonKey == key)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Admissions.CountAsync(a => a.PersonKey == key && a.Source == AdmissionSource.HospitalNotification)));
    }

    [Fact]
    public async Task The_progress_of_a_large_import_can_be_polled_until_it_reaches_every_row()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var rows = new List<string>();
        for (var i = 0; i < 6000; i++)
        {
            var day = new DateOnly(2025, 1, 1).AddDays(i % 300);
            rows.Add(Row($"progress-{i / 3:D5}-{Guid.NewGuid():N}"[..40], "903", "9903", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 10:00", day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 11:00", "ja"));
        }

        var response = await UploadAsync(admin, Csv([.. rows]), "stor.csv");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var seen = new List<(int Percent, long Rows)>();
        JsonElement state;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            state = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/screening/imports/{importId}");
            seen.Add((state.GetProperty("percent").GetInt32(), state.GetProperty("rowsRead").GetInt64()));
            if (!state.GetProperty("finished").GetBoolean())
            {
                await Task.Delay(20);
            }
        }
        while (!state.GetProperty("finished").GetBoolean() && DateTime.UtcNow < deadline);

        Assert.Equal("Completed", state.GetProperty("status").GetString());
        Assert.Equal((100, 6000L), seen[^1]);
        Assert.Equal(6000, state.GetProperty("rowsInserted").GetInt64());
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].Percent >= seen[i - 1].Percent && seen[i].Rows >= seen[i - 1].Rows, "progress never goes back");
        }

        Assert.All(seen.SkipLast(1), s => Assert.True(s.Percent < 100, "100 % only once the import has finished"));
    }

    [Fact]
    public async Task Hostile_uploads_get_clear_problems_store_nothing_and_never_a_500()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var importsBefore = await factory.WithDbAsync(db => db.AdmissionImports.CountAsync());
        var admissionsBefore = await factory.WithDbAsync(db => db.Admissions.CountAsync());

        var empty = await UploadAsync(admin, [], "tom.csv");
        await AssertFileProblemAsync(empty, HttpStatusCode.BadRequest, "Filen er tom.");

        var wrongColumns = await UploadAsync(admin, Encoding.UTF8.GetBytes("cpr;navn;dato\n0101585000;Preben;2026-01-01\n"), "forkert.csv");
        await AssertFileProblemAsync(wrongColumns, HttpStatusCode.BadRequest, "Ukendt kolonne");

        var missingColumn = await UploadAsync(admin, Encoding.UTF8.GetBytes("person_key;municipality_code;region_code;admission_start;admission_end;acute\n"), "mangler.csv");
        await AssertFileProblemAsync(missingColumn, HttpStatusCode.BadRequest, "department");

        var junk = new byte[64 * 1024];
        new Random(7).NextBytes(junk);
        var binary = await UploadAsync(admin, junk, "billede.png");
        await AssertFileProblemAsync(binary, HttpStatusCode.BadRequest, null);

        var notMultipart = await admin.PostAsJsonAsync("/api/v1/screening/imports", new { file = "person_key" });
        await AssertFileProblemAsync(notMultipart, HttpStatusCode.BadRequest, null);

        using (var brokenMultipart = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nperson_key")))
        {
            brokenMultipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
            var truncated = await admin.PostAsync("/api/v1/screening/imports", brokenMultipart);
            await AssertFileProblemAsync(truncated, HttpStatusCode.BadRequest, null);
        }

        Assert.Equal(importsBefore, await factory.WithDbAsync(db => db.AdmissionImports.CountAsync()));
        Assert.Equal(admissionsBefore, await factory.WithDbAsync(db => db.Admissions.CountAsync()));

        // Only bad dates: the import runs, every row is reported, none stored.
        var badDates = await ImportAsync(admin, Csv(
            Row(NewKey(), "904", "9904", "i går", "i dag", "ja"),
            Row(NewKey(), "904", "9904", "2026-03-29 02:30", "2026-03-30 10:00", "ja"), // the hour skipped in March
            Row(NewKey(), "904", "9904", "2026-10-25 02:30", "2026-10-26 10:00", "ja"), // the hour repeated in October
            Row(NewKey(), "904", "9904", "1850-01-01 10:00", "1850-01-02 10:00", "ja"),
            "a;b;c",
            Row("nøgle med mellemrum", "904", "9904", "2026-01-01 10:00", "2026-01-02 10:00", "ja"),
            Row(NewKey(), "904", "9904", "2026-01-01 10:00", "2026-01-02 10:00", "ja") + ";ekstra",
            "\"uafsluttet;904;9904;2026-01-01 10:00;2026-01-02 10:00;ja;x",
            Row(NewKey(), "904", "9904", "2026-01-01 10:00", "2026-01-02 10:00", "ja").Replace("Afdeling", "Afd\u0001", StringComparison.Ordinal)));
        Assert.Equal("Completed", badDates.GetProperty("status").GetString());
        Assert.Equal(0, badDates.GetProperty("rowsInserted").GetInt64());
        Assert.Equal(9, badDates.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(
            ["InvalidTimestamp", "NonexistentLocalTime", "AmbiguousLocalTime", "InvalidTimestamp", "WrongColumnCount", "InvalidPersonKey", "WrongColumnCount", "MalformedQuotes", "ControlCharacter"],
            badDates.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.Equal(admissionsBefore, await factory.WithDbAsync(db => db.Admissions.CountAsync()));

        // A file over Screening:MaxImportBytes is refused with 413 while it arrives.
        await using var small = new ConfiguredFactory(factory, "Screening:MaxImportBytes", "2048");
        using var limited = await small.ClientForAsync("admin.region");
        var rows = Enumerable.Range(0, 100).Select(i => Row(NewKey(), "904", "9904", "2026-01-01 10:00", "2026-01-02 10:00", "ja")).ToArray();
        var tooLarge = await UploadAsync(limited, Csv(rows), "stor.csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MB", (await tooLarge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(admissionsBefore, await factory.WithDbAsync(db => db.Admissions.CountAsync()));
    }

    [Fact]
    public async Task The_ranked_list_is_the_pure_engine_run_over_the_stored_admissions()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var random = new Random(905);
        var rows = new List<string>();
        var keys = Enumerable.Range(0, 12).Select(_ => NewKey()).ToList();
        foreach (var key in keys)
        {
            var at = new DateTime(2025, 1, 1, 8, 0, 0).AddDays(random.Next(0, 60));
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var end = at.AddHours(random.Next(2, 24 * 6));
                rows.Add(Row(key, random.Next(0, 4) == 0 ? "906" : "905", "9905", Local(at), Local(end), random.Next(0, 3) == 0 ? "nej" : "ja"));
                at = end.AddDays(random.Next(0, 3) == 0 ? random.Next(40, 120) : random.Next(1, 29)).AddHours(random.Next(0, 12));
            }
        }

        await ImportAsync(admin, Csv([.. rows]));
        using var reader = await factory.ClientForAsync("behandler.odense");
        var ranking = await reader.GetFromJsonAsync<JsonElement>("/api/v1/screening/ranking?area=Municipality&code=905&top=5");
        var byRegion = await reader.GetFromJsonAsync<JsonElement>("/api/v1/screening/ranking?area=Region&code=9905");

        // The oracle: everything stored, in ordinal key order, through the engine.
        var stored = await factory.WithDbAsync(db => db.Admissions.AsNoTracking().ToListAsync());
        var persons = ReadmissionScreening.ScreenPersons(stored.Select(a => a.ToEvent()).OrderBy(a => a.PersonKey, StringComparer.Ordinal).ThenBy(a => a.Start)).ToList();
        var byMunicipality = new ScreeningRanking(ScreeningArea.Municipality, 5);
        var regions = new ScreeningRanking(ScreeningArea.Region, 20);
        persons.ForEach(byMunicipality.Add);
        persons.ForEach(regions.Add);

        AssertSameList(byMunicipality.Result()["905"], ranking.GetProperty("areas").EnumerateArray().Single(), stored);
        AssertSameList(regions.Result()["9905"], byRegion.GetProperty("areas").EnumerateArray().Single(), stored);
        Assert.Equal(5, ranking.GetProperty("top").GetInt32());
        Assert.Contains("905", ranking.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(persons.Count, ranking.GetProperty("totals").GetProperty("persons").GetInt64());

        // Bad parameters: a clear validation problem, not a 500.
        foreach (var query in new[] { "top=0", "top=1000", "area=Municipality&code=12", "area=Region&code=461", "area=Planet" })
        {
            var bad = await reader.GetAsync("/api/v1/screening/ranking?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_ranked_list_names_municipalities_and_regions_and_keeps_an_unknown_code_as_the_code()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        await ImportAsync(admin, Csv(
            Row(NewKey(), "563", "1083", "2026-02-01 10:00", "2026-02-03 10:00", "ja"),
            Row(NewKey(), "909", "9909", "2026-02-01 10:00", "2026-02-03 10:00", "ja")));
        using var reader = await factory.ClientForAsync("behandler.odense");

        var fanoe = await reader.GetFromJsonAsync<JsonElement>("/api/v1/screening/ranking?area=Municipality&code=563");
        Assert.Equal("Fanø", fanoe.GetProperty("areas").EnumerateArray().Single().GetProperty("name").GetString());
        var region = await reader.GetFromJsonAsync<JsonElement>("/api/v1/screening/ranking?area=Region&code=1083");
        Assert.Equal("Region Syddanmark", region.GetProperty("areas").EnumerateArray().Single().GetProperty("name").GetString());
        var unknown = await reader.GetFromJsonAsync<JsonElement>("/api/v1/screening/ranking?area=Municipality&code=909");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("areas").EnumerateArray().Single().GetProperty("name").ValueKind);

        // The page heads each list with the name; the code stays beside it, and an unknown code shows as itself.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/Screening?area=Municipality&code=563"));
        Assert.Matches("data-testid=\"area-heading\">Fanø <span[^>]*>\\(kommune 563\\)</span>", page);
        page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/Screening?area=Municipality&code=909"));
        Assert.Matches("data-testid=\"area-heading\">Kommune <span[^>]*>\\(kommune 909\\)</span>", page);
        Assert.Equal(98, DanishAreaNames.MunicipalityCount);
    }

    [Fact]
    public async Task A_ranked_citizen_links_to_the_course_only_for_those_who_may_read_it_and_each_link_is_logged()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var course = await TestData.CreateCourseAsync(clinician, cpr, "Ranglistia");
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var citizenKey = KeyOf(cpr);
        var stranger = NewKey();

        using var admin = await factory.ClientForAsync("admin.region");
        var rows = new List<string>();
        foreach (var key in new[] { citizenKey, stranger })
        {
            for (var month = 1; month <= 5; month++)
            {
                rows.Add(Row(key, "907", "9907", $"2026-0{month}-03 10:00", $"2026-0{month}-05 18:30", "ja"));
            }
        }

        await ImportAsync(admin, Csv([.. rows]));
        const string List = "/api/v1/screening/ranking?area=Municipality&code=907";

        // The clinician's own clinic recorded the course: linked, and the link is in the access log.
        var seen = await clinician.GetFromJsonAsync<JsonElement>(List);
        var linked = EntryOf(seen, citizenKey);
        Assert.Equal(courseId, linked.GetProperty("course").GetProperty("courseId").GetGuid());
        Assert.Equal("Ranglistia Demo-Testesen", linked.GetProperty("course").GetProperty("citizenName").GetString());
        Assert.Equal($"/Courses/{courseId}", linked.GetProperty("course").GetProperty("courseUrl").GetString());
        Assert.Equal(JsonValueKind.Null, EntryOf(seen, stranger).GetProperty("course").ValueKind);
        Assert.True(EntryOf(seen, citizenKey).GetProperty("fourOrMoreIn12Months").GetBoolean());
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.ResourceType == "ScreeningEntry").ToListAsync());
        var entry = Assert.Single(logged);
        Assert.Equal(InformationCategory.HealthAndTreatment, entry.Category);
        Assert.Equal(AccessAction.Read, entry.Action);
        Assert.Equal(courseId, entry.ResourceId);
        Assert.Equal(AccessBasisKind.OwnRecords, entry.Basis);

        // Staff who may see lists but not this citizen: the entry is exactly like a non-citizen's, no name anywhere, nothing logged.
        foreach (var login in new[] { "sagsbehandler.kolding", "sagsbehandler.odense" })
        {
            using var other = await factory.ClientForAsync(login);
            var response = await other.GetAsync(List);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Ranglistia", text, StringComparison.Ordinal);
            Assert.DoesNotContain(courseId.ToString(), text, StringComparison.OrdinalIgnoreCase);
            var body = JsonDocument.Parse(text).RootElement;
            var citizenEntry = EntryOf(body, citizenKey);
            var strangerEntry = EntryOf(body, stranger);
            Assert.Equal(JsonValueKind.Null, citizenEntry.GetProperty("course").ValueKind);
            Assert.Equal(Shape(strangerEntry), Shape(citizenEntry));
        }

        Assert.Single(await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.ResourceType == "ScreeningEntry").ToListAsync()));

        // A consent to the job centre for status only does not open the health information behind the link…
        var jobcentre = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense");
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments"], new { kind = "Organization", targetId = jobcentre });
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(JsonValueKind.Null, EntryOf(await caseworker.GetFromJsonAsync<JsonElement>(List), citizenKey).GetProperty("course").ValueKind);

        // …one that covers health and treatment does, and the caseworker's read is logged on that consent.
        var consentId = await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "HealthAndTreatment"], new { kind = "Organization", targetId = jobcentre });
        Assert.Equal(courseId, EntryOf(await caseworker.GetFromJsonAsync<JsonElement>(List), citizenKey).GetProperty("course").GetProperty("courseId").GetGuid());
        var caseworkerLog = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.ResourceType == "ScreeningEntry" && e.Basis == AccessBasisKind.Consent).ToListAsync());
        Assert.Equal(consentId, Assert.Single(caseworkerLog).ConsentId);
    }

    [Theory]
    [InlineData("laege1")]
    [InlineData("frivillig.trekanten")]
    [InlineData("borger.preben")]
    [InlineData("paaroerende.louise")]
    public async Task Users_outside_region_and_municipality_staff_get_403_for_lists_and_imports(string login)
    {
        using var client = await factory.ClientForAsync(login);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/screening/ranking")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/screening/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(client, Csv(Row(NewKey(), "908", "9908", "2026-01-01 10:00", "2026-01-02 10:00", "ja")), "x.csv")).StatusCode);
    }

    [Fact]
    public async Task Professionals_see_lists_but_only_administrators_import()
    {
        using var professional = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await professional.GetAsync("/api/v1/screening/ranking")).StatusCode);
        var upload = await UploadAsync(professional, Csv(Row(NewKey(), "908", "9908", "2026-01-01 10:00", "2026-01-02 10:00", "ja")), "x.csv");
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/screening/ranking")).StatusCode);
    }

    [Fact]
    public async Task Analysis_summaries_are_written_read_corrected_and_deleted_through_the_access_layer()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician, givenName: "Analysia");
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/analysis-summaries";

        var created = await clinician.PostAsJsonAsync(url, new
        {
            meetingDate = "2026-11-20",
            participants = "Mette Demo-Lindberg (behandler), sagsbehandler fra jobcentret, borgeren",
            whyLastAdmission = "Mareridt og ingen søvn i en uge; ingen at ringe til om natten.",
            whatCouldPreventNext = "Aftale om at ringe til sengeafsnittet, før det bliver akut.",
            whatWouldHelpCitizen = "At den samme person tager telefonen.",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var summary = await created.Content.ReadFromJsonAsync<JsonElement>();
        var summaryId = summary.GetProperty("id").GetGuid();
        Assert.Equal($"{url}/{summaryId}", created.Headers.Location?.OriginalString);
        Assert.Equal("Mette Demo-Lindberg", summary.GetProperty("createdBy").GetString());

        var second = await clinician.PostAsJsonAsync(url, new { meetingDate = "2026-09-01", participants = "Analyseudvalget", whyLastAdmission = "Flyttede og mistede kontakten." });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var list = await clinician.GetFromJsonAsync<JsonElement>(url);
        Assert.True(list.GetProperty("canEdit").GetBoolean());
        Assert.Equal(["2026-11-20", "2026-09-01"], list.GetProperty("summaries").EnumerateArray().Select(s => s.GetProperty("meetingDate").GetString()));

        var updated = await clinician.PutAsJsonAsync($"{url}/{summaryId}", new { meetingDate = "2026-11-21", participants = "Mette Demo-Lindberg", whyLastAdmission = "Rettet: søvnmangel.", whatCouldPreventNext = (string?)null, whatWouldHelpCitizen = (string?)null });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await clinician.GetFromJsonAsync<JsonElement>($"{url}/{summaryId}");
        Assert.Equal("Rettet: søvnmangel.", read.GetProperty("whyLastAdmission").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("whatCouldPreventNext").ValueKind);
        Assert.Equal("Mette Demo-Lindberg", read.GetProperty("updatedBy").GetString());

        // Bad input: problem details naming the field, nothing written.
        var countBefore = await factory.WithDbAsync(db => db.AnalysisSummaries.CountAsync(s => s.CourseId == courseId));
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { participants = "X", whyLastAdmission = "Y" }, "meetingDate"),
                     (new { meetingDate = "2026-12-24", participants = "X", whyLastAdmission = "Y" }, "meetingDate"),
                     (new { meetingDate = "2026-11-01", participants = "", whyLastAdmission = "Y" }, "participants"),
                     (new { meetingDate = "2026-11-01", participants = "X" }, "whyLastAdmission"),
                     (new { meetingDate = "2026-11-01", participants = "X", whatWouldHelpCitizen = new string('x', 4001) }, "whatWouldHelpCitizen"),
                     (new { meetingDate = "2026-11-01", participants = "X\u0000", whyLastAdmission = "Y" }, "participants"),
                 })
        {
            var bad = await clinician.PostAsJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        var malformed = await clinician.PostAsync(url, new StringContent("{\"meetingDate\": \"i går\"", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(countBefore, await factory.WithDbAsync(db => db.AnalysisSummaries.CountAsync(s => s.CourseId == courseId)));

        // Others: 404 as if the course did not exist, for reading and writing.
        foreach (var login in new[] { "sagsbehandler.kolding", "laege1", "sagsbehandler.odense" })
        {
            using var other = await factory.ClientForAsync(login);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{url}/{summaryId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(url, new { meetingDate = "2026-11-01", participants = "X", whyLastAdmission = "Y" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{url}/{summaryId}")).StatusCode);
        }

        // A consent for plans only does not open health information.
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "PlanAndGoals"], new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense") });
        using (var caseworker = await factory.ClientForAsync("sagsbehandler.odense"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await clinician.DeleteAsync($"{url}/{summaryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"{url}/{summaryId}")).StatusCode);
        Assert.Single((await clinician.GetFromJsonAsync<JsonElement>(url)).GetProperty("summaries").EnumerateArray());

        var log = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.Category == InformationCategory.HealthAndTreatment).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(2, log.Count(e => e.Action == AccessAction.Create && e.ResourceType == "AnalysisSummary"));
        Assert.Single(log, e => e.Action == AccessAction.Update && e.ResourceId == summaryId);
        Assert.Single(log, e => e.Action == AccessAction.Delete && e.ResourceId == summaryId);
        Assert.Contains(log, e => e.Action == AccessAction.Read && e.ResourceType == "AnalysisSummaries");
        Assert.All(log, e => Assert.Equal("Mette Demo-Lindberg", e.UserName));
    }

    [Fact]
    public async Task Admission_counts_around_the_course_start_count_the_citizens_year_before_and_year_after()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var course = await TestData.CreateCourseAsync(clinician, cpr); // starts 2026-11-01
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var key = KeyOf(cpr);
        using var admin = await factory.ClientForAsync("admin.region");
        await ImportAsync(admin, Csv(
            Row(key, "909", "9909", "2025-10-30 10:00", "2025-10-31 10:00", "ja"), // more than 365 days before
            Row(key, "909", "9909", "2025-11-02 10:00", "2025-11-03 10:00", "ja"),
            Row(key, "909", "9909", "2026-10-31 23:30", "2026-11-01 02:00", "ja"), // the last half hour before the start
            Row(key, "909", "9909", "2026-11-01 00:30", "2026-11-02 10:00", "nej"),
            Row(key, "909", "9909", "2026-11-15 10:00", "2026-11-16 10:00", "ja")));

        var counts = await AsUserAsync("behandler.odense", sp => sp.GetRequiredService<AdmissionQueries>().CountsAroundCourseStartAsync([courseId, Guid.NewGuid()], CancellationToken.None));
        var only = Assert.Single(counts);
        Assert.Equal(courseId, only.CourseId);
        Assert.Equal(new DateOnly(2026, 11, 1), only.StartDate);
        Assert.Equal(2, only.AdmissionsBefore);
        Assert.Equal(2, only.AdmissionsAfter);
        Assert.Single(await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.ResourceType == "AdmissionCounts").ToListAsync()));

        var denied = await AsUserAsync("sagsbehandler.kolding", sp => sp.GetRequiredService<AdmissionQueries>().CountsAroundCourseStartAsync([courseId], CancellationToken.None));
        Assert.Empty(denied);
    }

    private static void AssertSameList(IReadOnlyList<RankedPerson> expected, JsonElement area, List<Admission> stored)
    {
        var entries = area.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(expected.Count, entries.Count);
        Assert.NotEmpty(entries);
        for (var i = 0; i < expected.Count; i++)
        {
            var p = expected[i].Person;
            var e = entries[i];
            Assert.Equal(expected[i].Rank, e.GetProperty("rank").GetInt32());
            Assert.Equal(p.PersonKey, e.GetProperty("personKey").GetString());
            Assert.Equal(p.Admissions, e.GetProperty("admissions").GetInt32());
            Assert.Equal(p.MaxAdmissionsIn12Months, e.GetProperty("admissionsIn12Months").GetInt32());
            Assert.Equal(p.FourOrMoreAdmissionsIn12Months, e.GetProperty("fourOrMoreIn12Months").GetBoolean());
            Assert.Equal(p.AcuteReadmissionsWithin30Days, e.GetProperty("acuteReadmissionsWithin30Days").GetInt32());
            Assert.Equal(p.ShortStays, e.GetProperty("shortStays").GetInt32());
            Assert.Equal(p.DischargesOutsideDaytime, e.GetProperty("dischargesOutsideDaytime").GetInt32());
            Assert.Equal(p.MunicipalityCode, e.GetProperty("municipalityCode").GetString());
            Assert.Equal(stored.Where(a => a.PersonKey == p.PersonKey).Max(a => a.Start), e.GetProperty("latestAdmissionStart").GetDateTimeOffset());
        }
    }

    private static JsonElement EntryOf(JsonElement ranking, string key) =>
        ranking.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("entries").EnumerateArray()).Single(e => e.GetProperty("personKey").GetString() == key);

    /// <summary>The property names and value kinds of an entry: what would differ if a hidden citizen's entry carried anything extra.</summary>
    private static string Shape(JsonElement entry) =>
        string.Join(',', entry.EnumerateObject().Select(p => p.Name + ":" + p.Value.ValueKind));

    private string KeyOf(string cpr)
    {
        var keys = factory.Services.GetRequiredService<PersonKeys>();
        return keys.KeyOf(CprNumber.Parse(cpr, new DateOnly(2026, 11, 22)))!;
    }

    /// <summary>Runs a service as the given demo user, the way a request would (for services without an endpoint).</summary>
    private async Task<T> AsUserAsync<T>(string userName, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(principal), RequestServices = scope.ServiceProvider };
        return await action(scope.ServiceProvider);
    }

    private static string NewKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private static string Local(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Row(string key, string municipality, string region, string start, string end, string acute) =>
        $"{key};{municipality};{region};{start};{end};{acute};Afdeling {municipality}";

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/api/v1/screening/imports", form);
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] csv)
    {
        var response = await UploadAsync(client, csv, "indlaeggelser.csv");
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await WaitForImportAsync(client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> WaitForImportAsync(HttpClient client, Guid importId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/v1/screening/imports/{importId}");
            if (state.GetProperty("finished").GetBoolean() || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(25);
        }
    }

    private static async Task AssertFileProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? contains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = body.GetProperty("errors").GetProperty("file").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.NotEmpty(messages);
        if (contains is not null)
        {
            Assert.Contains(messages, m => m!.Contains(contains, StringComparison.Ordinal));
        }
    }

    /// <summary>A second server on the same database with one setting changed.</summary>
    private sealed class ConfiguredFactory(SamspilFactory inner, string key, string value) : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory = inner.WithWebHostBuilder(b => b.UseSetting(key, value));

        public async Task<HttpClient> ClientForAsync(string userName)
        {
            using var anonymous = _factory.CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = SamspilFactory.DemoPassword });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            var client = _factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public ValueTask DisposeAsync() => _factory.DisposeAsync();
    }
}

public sealed class ScreeningApiTestsOnSqlite(SqliteFactory factory) : ScreeningApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class ScreeningApiTestsOnPostgres(PostgresFactory factory) : ScreeningApiTests(factory), IClassFixture<PostgresFactory>;
