using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.MasterData;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>Issue 14, point 3: master data can be corrected, versioned with who and when, and only by whom ADR 0014 allows.</summary>
public abstract class MasterDataTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_clinician_who_registered_the_citizen_corrects_language_and_contact_details_and_the_history_and_log_say_who_and_when()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);

        var before = await mette.GetAsync($"/api/v1/citizens/{citizenId}/master-data");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("\"0\"", before.Headers.ETag?.Tag);

        var response = await PutCitizenAsync(mette, citizenId, "\"0\"", Body(language: "fa", interpreter: "fa", phone: "+45 20 30 40 50", email: "testa@example.org"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("fa", view.GetProperty("preferredLanguage").GetString());
        Assert.Equal("+45 20 30 40 50", view.GetProperty("phone").GetString());
        Assert.Equal(1, view.GetProperty("version").GetInt32());

        var history = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/citizens/{citizenId}/history", SamspilFactory.Json);
        var changes = history.EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal(["email", "interpreterLanguage", "phone", "preferredLanguage"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ar", changes["preferredLanguage"].GetProperty("oldValue").GetString());
        Assert.Equal("fa", changes["preferredLanguage"].GetProperty("newValue").GetString());
        Assert.Equal(JsonValueKind.Null, changes["phone"].GetProperty("oldValue").ValueKind);
        Assert.All(changes.Values, c => Assert.Equal("Mette Demo-Lindberg", c.GetProperty("changedBy").GetString()));
        Assert.All(changes.Values, c => Assert.Equal(factory.Time.GetUtcNow(), c.GetProperty("changedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1))); // databases store less than ticks

        var updates = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.Action == AccessAction.Update).ToListAsync());
        var update = Assert.Single(updates);
        Assert.Equal("Citizen", update.ResourceType);
        Assert.Equal("Mette Demo-Lindberg", update.UserName);

        // The course page shows the corrected language.
        var course = await mette.GetStringAsync($"/api/v1/citizens/{citizenId}");
        Assert.Contains("\"preferredLanguage\":\"fa\"", course, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_that_changes_nothing_writes_no_history_and_keeps_the_version()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        var response = await PutCitizenAsync(mette, citizenId, "\"0\"", Body());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);
        Assert.Equal(0, await HistoryCountAsync(citizenId));
    }

    [Fact]
    public async Task A_correction_against_an_older_version_is_412_and_changes_nothing()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        Assert.Equal(HttpStatusCode.OK, (await PutCitizenAsync(mette, citizenId, "\"0\"", Body(language: "en"))).StatusCode);

        var stale = await PutCitizenAsync(mette, citizenId, "\"0\"", Body(language: "tr"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("en", (await MasterDataAsync(mette, citizenId)).GetProperty("preferredLanguage").GetString());

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutCitizenAsync(mette, citizenId, null, Body(language: "tr"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutCitizenAsync(mette, citizenId, "\"x\"", Body(language: "tr"))).StatusCode);
        Assert.Equal(1, await HistoryCountAsync(citizenId));
    }

    [Theory]
    [InlineData("language", "klingon")]
    [InlineData("language", "d4")]
    [InlineData("phone", "ring mig")]
    [InlineData("email", "ikke-en-adresse")]
    [InlineData("givenName", "")]
    [InlineData("address", "LONG")]
    [InlineData("interpreterLanguage", "")]
    [InlineData("address", "NUL")]
    public async Task Hostile_input_is_a_400_problem_and_nothing_is_half_written(string field, string value)
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        var body = Body(phone: "+45 11 22 33 44");
        var key = field == "language" ? "preferredLanguage" : field;
        body[key] = value switch
        {
            "LONG" => new string('x', 301),
            "NUL" => "Vejen 1\0",
            "" => null,
            _ => value,
        };
        if (field == "interpreterLanguage")
        {
            body["interpreterNeeded"] = true;
        }

        var response = await PutCitizenAsync(mette, citizenId, "\"0\"", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await MasterDataAsync(mette, citizenId);
        Assert.Equal(0, after.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("phone").ValueKind);
        Assert.Equal(0, await HistoryCountAsync(citizenId));
    }

    [Fact]
    public async Task A_null_for_the_interpreter_flag_or_a_body_that_is_not_json_is_a_400_problem()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (_, citizenId) = await NewCourseAsync(mette);
        var body = Body();
        body["interpreterNeeded"] = null;
        Assert.Equal(HttpStatusCode.BadRequest, (await PutCitizenAsync(mette, citizenId, "\"0\"", body)).StatusCode);

        using var raw = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/citizens/{citizenId}") { Content = new StringContent("{\"givenName\": [1,2", System.Text.Encoding.UTF8, "application/json") };
        raw.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var response = await mette.SendAsync(raw);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await HistoryCountAsync(citizenId));
    }

    [Fact]
    public async Task An_unrelated_staff_member_and_an_attacker_who_registered_a_course_with_the_cpr_get_404_and_nothing_is_written()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var cpr = TestData.NewCpr();
        var (_, citizenId) = await NewCourseAsync(mette, cpr);

        using var fredericia = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await PutCitizenAsync(fredericia, citizenId, "*", Body(language: "en"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fredericia.GetAsync($"/api/v1/citizens/{citizenId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fredericia.GetAsync($"/api/v1/citizens/{citizenId}/master-data")).StatusCode);

        // He registers a course with the citizen's CPR number: that is no basis for the citizen's own record (ADR 0013/0014).
        var request = await TestData.CourseRequestAsync(fredericia, cpr, givenName: "Ukendt");
        request["regionOrganizationId"] = null;
        request["municipalityOrganizationId"] = await TestData.OrganizationIdAsync(fredericia, "Jobcenter Fredericia");
        var created = await fredericia.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attackerCourseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await PutCitizenAsync(fredericia, citizenId, "*", Body(language: "en", phone: "+45 99 99 99 99"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fredericia.GetAsync($"/Courses/{attackerCourseId}/citizen/edit")).StatusCode);
        Assert.DoesNotContain("citizen/edit", await fredericia.GetStringAsync($"/Courses/{attackerCourseId}"), StringComparison.Ordinal);

        Assert.Equal(0, await HistoryCountAsync(citizenId));
        Assert.Equal("ar", (await MasterDataAsync(mette, citizenId)).GetProperty("preferredLanguage").GetString());
        var fredericiaUpdates = await factory.WithDbAsync(db => db.AccessLog.CountAsync(e => e.CitizenId == citizenId && e.Action == AccessAction.Update && e.UserName != "Mette Demo-Lindberg"));
        Assert.Equal(0, fredericiaUpdates);
    }

    [Fact]
    public async Task The_citizen_corrects_their_own_language_and_phone_but_not_their_name()
    {
        using var abby = await factory.ClientForAsync("borger.abby");
        var courses = await abby.GetFromJsonAsync<JsonElement>("/api/v1/courses", SamspilFactory.Json);
        var citizenId = courses[0].GetProperty("citizenId").GetGuid();
        var current = await MasterDataAsync(abby, citizenId);
        var version = current.GetProperty("version").GetInt32();
        var body = BodyOf(current);
        body["preferredLanguage"] = "en";
        body["phone"] = "+45 31 32 33 34";
        var response = await PutCitizenAsync(abby, citizenId, $"\"{version}\"", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("en", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("preferredLanguage").GetString());

        body["givenName"] = "Abigail";
        var rename = await PutCitizenAsync(abby, citizenId, "*", body);
        Assert.Equal(HttpStatusCode.BadRequest, rename.StatusCode);
        Assert.Equal("Abby", (await MasterDataAsync(abby, citizenId)).GetProperty("givenName").GetString());

        var log = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.Action == AccessAction.Update).ToListAsync());
        Assert.Contains(log, e => e.ResourceType == "Citizen" && e.Basis == Domain.Consents.AccessBasisKind.Self);
    }

    [Fact]
    public async Task The_coordinator_moves_a_course_to_another_municipality_as_a_dated_change_and_a_stranger_gets_404()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (courseId, citizenId) = await NewCourseAsync(mette);
        var get = await mette.GetAsync($"/api/v1/courses/{courseId}/master-data");
        Assert.Equal("\"0\"", get.Headers.ETag?.Tag);
        var data = await get.Content.ReadFromJsonAsync<JsonElement>();
        var fredericiaJobcenter = await TestData.OrganizationIdAsync(mette, "Jobcenter Fredericia");
        var odenseJobcenter = data.GetProperty("municipalityOrganizationId").GetGuid();

        var body = new Dictionary<string, object?>
        {
            ["targetGroupCode"] = data.GetProperty("targetGroupCode").GetString(),
            ["regionOrganizationId"] = data.GetProperty("regionOrganizationId").GetGuid(),
            ["municipalityOrganizationId"] = fredericiaJobcenter,
            ["expectedTreatmentEndDate"] = "2027-06-30",
        };
        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await PutCourseAsync(stranger, courseId, "*", body)).StatusCode);

        var moved = await PutCourseAsync(mette, courseId, "\"0\"", body);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.Equal("\"1\"", moved.Headers.ETag?.Tag);
        var history = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/master-data/history", SamspilFactory.Json);
        var move = history.EnumerateArray().Single(c => c.GetProperty("field").GetString() == "municipalityOrganizationId");
        Assert.Equal(odenseJobcenter.ToString(), move.GetProperty("oldValue").GetString());
        Assert.Equal(fredericiaJobcenter.ToString(), move.GetProperty("newValue").GetString());
        Assert.Equal("2026-11-22", move.GetProperty("effectiveOn").GetString());
        Assert.Contains(history.EnumerateArray(), c => c.GetProperty("field").GetString() == "expectedTreatmentEndDate" && c.GetProperty("newValue").GetString() == "2027-06-30");

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutCourseAsync(mette, courseId, "\"0\"", body)).StatusCode);
        body["targetGroupCode"] = "no-such-group";
        Assert.Equal(HttpStatusCode.BadRequest, (await PutCourseAsync(mette, courseId, "\"1\"", body)).StatusCode);
        body["targetGroupCode"] = data.GetProperty("targetGroupCode").GetString();
        body["municipalityOrganizationId"] = data.GetProperty("regionOrganizationId").GetGuid(); // a region unit is no municipality
        Assert.Equal(HttpStatusCode.BadRequest, (await PutCourseAsync(mette, courseId, "\"1\"", body)).StatusCode);

        var log = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.CitizenId == citizenId && e.Action == AccessAction.Update && e.ResourceType == "CourseMasterData").ToListAsync());
        Assert.Single(log);
        Assert.Equal(2, await factory.WithDbAsync(db => db.MasterDataChanges.CountAsync(c => c.EntityId == courseId && c.Entity == MasterDataEntity.Course)));
    }

    [Fact]
    public async Task The_course_page_form_moves_the_municipality_and_a_stranger_gets_404_on_it()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var (courseId, _) = await NewCourseAsync(mette);
        var data = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/master-data", SamspilFactory.Json);
        var fredericiaJobcenter = await TestData.OrganizationIdAsync(mette, "Jobcenter Fredericia");

        using var browser = await factory.CookieClientAsync("behandler.odense");
        Assert.Contains($"/Courses/{courseId}/master-data/edit", await browser.GetStringAsync($"/Courses/{courseId}"), StringComparison.Ordinal);
        var page = await browser.GetStringAsync($"/Courses/{courseId}/master-data/edit");
        Assert.Contains("Ret forløbets stamdata", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(page),
            ["Form.Version"] = "0",
            ["Form.TargetGroupCode"] = data.GetProperty("targetGroupCode").GetString()!,
            ["Form.RegionOrganizationId"] = data.GetProperty("regionOrganizationId").GetGuid().ToString(),
            ["Form.MunicipalityOrganizationId"] = fredericiaJobcenter.ToString(),
            ["Form.ExpectedTreatmentEndDate"] = "2027-03-31",
        };
        var saved = await browser.PostAsync($"/Courses/{courseId}/master-data/edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/master-data", SamspilFactory.Json);
        Assert.Equal(fredericiaJobcenter, after.GetProperty("municipalityOrganizationId").GetGuid());
        Assert.Equal("2027-03-31", after.GetProperty("expectedTreatmentEndDate").GetString());
        Assert.Contains("Jobcenter Fredericia", await browser.GetStringAsync($"/Courses/{courseId}/master-data/edit"), StringComparison.Ordinal);

        // The same form again, now against an older version: a readable message, nothing changed.
        fields["Form.ExpectedTreatmentEndDate"] = "2027-09-30";
        var stale = await browser.PostAsync($"/Courses/{courseId}/master-data/edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("en anden har ændret oplysningerne imens", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("2027-03-31", (await mette.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/master-data", SamspilFactory.Json)).GetProperty("expectedTreatmentEndDate").GetString());

        using var stranger = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Courses/{courseId}/master-data/edit")).StatusCode);
    }

    private static async Task<(Guid CourseId, Guid CitizenId)> NewCourseAsync(HttpClient client, string? cpr = null)
    {
        var course = await TestData.CreateCourseAsync(client, cpr);
        return (course.GetProperty("id").GetGuid(), course.GetProperty("citizen").GetProperty("id").GetGuid());
    }

    /// <summary>The create body's citizen (TestData.CourseRequestAsync) with the given corrections.</summary>
    private static Dictionary<string, object?> Body(string language = "ar", string? interpreter = "ar", string? phone = null, string? email = null) => new()
    {
        ["givenName"] = "Testa",
        ["familyName"] = "Demo-Testesen",
        ["preferredLanguage"] = language,
        ["interpreterNeeded"] = interpreter is not null,
        ["interpreterLanguage"] = interpreter,
        ["phone"] = phone,
        ["email"] = email,
        ["address"] = null,
    };

    private static Dictionary<string, object?> BodyOf(JsonElement c) => new()
    {
        ["givenName"] = c.GetProperty("givenName").GetString(),
        ["familyName"] = c.GetProperty("familyName").GetString(),
        ["preferredLanguage"] = c.GetProperty("preferredLanguage").GetString(),
        ["interpreterNeeded"] = c.GetProperty("interpreterNeeded").GetBoolean(),
        ["interpreterLanguage"] = c.GetProperty("interpreterLanguage").GetString(),
        ["phone"] = c.GetProperty("phone").GetString(),
        ["email"] = c.GetProperty("email").GetString(),
        ["address"] = c.GetProperty("address").GetString(),
    };

    private static async Task<JsonElement> MasterDataAsync(HttpClient client, Guid citizenId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/citizens/{citizenId}/master-data", SamspilFactory.Json);

    private Task<int> HistoryCountAsync(Guid citizenId) =>
        factory.WithDbAsync(db => db.MasterDataChanges.CountAsync(c => c.CitizenId == citizenId && c.Entity == MasterDataEntity.Citizen));

    private static Task<HttpResponseMessage> PutCitizenAsync(HttpClient client, Guid citizenId, string? ifMatch, object body) =>
        SendAsync(client, $"/api/v1/citizens/{citizenId}", ifMatch, body);

    private static Task<HttpResponseMessage> PutCourseAsync(HttpClient client, Guid courseId, string? ifMatch, object body) =>
        SendAsync(client, $"/api/v1/courses/{courseId}/master-data", ifMatch, body);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }
}

public sealed class MasterDataTestsOnSqlite(SqliteFactory factory) : MasterDataTests(factory), IClassFixture<SqliteFactory>;

public sealed class MasterDataTestsOnPostgres(PostgresFactory factory) : MasterDataTests(factory), IClassFixture<PostgresFactory>;
