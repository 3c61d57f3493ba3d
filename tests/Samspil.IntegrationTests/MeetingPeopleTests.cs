using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 17 points 4-5: the interpreter the citizen needs is booked, invited and blocked for others; places the citizen
/// avoids are matched however they are written; the citizen says in advance who comes; the meeting warns when no
/// participant can decide for a sector on the agenda.
/// </summary>
public abstract class MeetingPeopleTests(SamspilFactory factory)
{
    private const string Interpreter = "Samir Demo-Haddad"; // the demo data's only Arabic interpreter

    [Fact]
    public async Task Scheduling_books_the_free_interpreter_invites_them_and_their_booking_blocks_the_time_for_another_meeting()
    {
        using var staff = await factory.ClientForAsync("behandler.odense");
        var first = await CitizenOnlyMeetingAsync(staff); // both citizens need an Arabic interpreter
        var second = await CitizenOnlyMeetingAsync(staff);
        var window = new { from = "2026-11-26", to = "2026-11-26", durationMinutes = 60, location = "Traumeklinikken Odense" };

        // Before anything is booked the interpreter alone rules out only the hours outside their working time.
        var before = await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{second}/find-slots", window));
        var ruledOutBefore = InterpreterAloneRulesOut(before);

        // Thursday 11:00–12:00 in Copenhagen: the interpreter is booked and invited.
        await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{first}/schedule", new { start = "2026-11-26T10:00:00Z", end = "2026-11-26T11:00:00Z", format = "InPerson", location = "Traumeklinikken Odense" }));
        var people = await OkAsync(staff.GetAsync($"/api/v1/meetings/{first}/people"));
        Assert.Equal(Interpreter, people.GetProperty("interpreterName").GetString());
        Assert.Equal("ar", people.GetProperty("interpreterLanguage").GetString());
        var ics = await staff.GetStringAsync($"/api/v1/meetings/{first}/invitation.ics");
        Assert.Contains("tolk.41@demo.samspil.invalid", ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // Another meeting now cannot have the interpreter at that time …
        var after = await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{second}/find-slots", window));
        Assert.True(InterpreterAloneRulesOut(after) > ruledOutBefore, "the booking should rule out the interpreter's taken time");

        // … and scheduled there anyway, it gets no interpreter (no double booking) and the page says so.
        await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{second}/schedule", new { start = "2026-11-26T10:30:00Z", end = "2026-11-26T11:30:00Z", format = "InPerson", location = "Traumeklinikken Odense" }));
        var clash = await OkAsync(staff.GetAsync($"/api/v1/meetings/{second}/people"));
        Assert.Equal(JsonValueKind.Null, clash.GetProperty("interpreterId").ValueKind);
        Assert.Equal(Interpreter, (await OkAsync(staff.GetAsync($"/api/v1/meetings/{first}/people"))).GetProperty("interpreterName").GetString());
        using var browser = await factory.CookieClientAsync("behandler.odense");
        Assert.Contains("data-testid=\"interpreter-missing\"", await browser.GetStringAsync($"/Meetings/{second}"), StringComparison.Ordinal);

        // Moved to a free time, the second meeting gets the interpreter.
        await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{second}/schedule", new { start = "2026-11-26T13:00:00Z", end = "2026-11-26T14:00:00Z", format = "InPerson", location = "Traumeklinikken Odense" }));
        Assert.Equal(Interpreter, (await OkAsync(staff.GetAsync($"/api/v1/meetings/{second}/people"))).GetProperty("interpreterName").GetString());
    }

    [Fact]
    public async Task A_place_the_citizen_avoids_is_matched_however_it_is_written()
    {
        using var staff = await factory.ClientForAsync("behandler.odense");
        var meeting = await CitizenOnlyMeetingAsync(staff);
        var courseId = (await OkAsync(staff.GetAsync($"/api/v1/meetings/{meeting}"))).GetProperty("courseId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/courses/{courseId}/meeting-preferences", new { avoidPlaces = "Jobcenter Vejle, Vestergade" })).StatusCode);

        foreach (var written in new[] { "jobcenter vejle, vestergade", "JOBCENTER  Vejle. Vestergade 3" })
        {
            var search = await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{meeting}/find-slots", new { from = "2026-11-26", to = "2026-11-27", durationMinutes = 60, location = written }));
            Assert.Empty(search.GetProperty("slots").EnumerateArray());
            Assert.Contains(search.GetProperty("blockers").EnumerateArray(), b => b.GetProperty("kind").GetString() == "PlaceAvoidedByCitizen");
        }

        var elsewhere = await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{meeting}/find-slots", new { from = "2026-11-26", to = "2026-11-27", durationMinutes = 60, location = "Jobcenter Vejle, Dæmningen" }));
        Assert.NotEmpty(elsewhere.GetProperty("slots").EnumerateArray());
    }

    [Fact]
    public async Task The_citizen_says_her_daughter_comes_for_her_and_staff_see_it_with_a_warning_when_no_one_can_decide_for_a_sector()
    {
        using var citizen = await factory.ClientForAsync("borger.louise");
        var courseId = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        using var staff = await factory.ClientForAsync("sagsbehandler.kolding"); // on Louise's network; her consent to the job centre covers meetings
        var daughter = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Relative",
            personName = "Amira Demo-Datter",
            relation = "datter",
            role = "Other",
            activeFrom = "2026-11-20",
            citizenAgreement = new { agreedOn = "2026-11-20", method = "InPerson" },
        });
        Assert.Equal(HttpStatusCode.Created, daughter.StatusCode);
        var daughterId = (await daughter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde om arbejde", format = "Phone" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.DoesNotContain((await OkAsync(staff.GetAsync($"/api/v1/meetings/{id}"))).GetProperty("participants").EnumerateArray(), p => p.GetProperty("memberId").ValueKind != JsonValueKind.Null && p.GetProperty("memberId").GetGuid() == daughterId);

        // Louise names her daughter from her own network.
        var options = (await OkAsync(citizen.GetAsync($"/api/v1/meetings/{id}/people"))).GetProperty("standInOptions").EnumerateArray();
        Assert.Contains(options, o => o.GetProperty("memberId").GetGuid() == daughterId && o.GetProperty("name").GetString() == "Amira Demo-Datter");
        var said = await OkAsync(citizen.PutAsJsonAsync($"/api/v1/meetings/{id}/citizen-notice", new { intent = "MemberComesInstead", standInMemberId = daughterId }));
        Assert.Equal("MemberComesInstead", said.GetProperty("intent").GetString());
        Assert.Equal("Amira Demo-Datter", said.GetProperty("standInName").GetString());

        // Staff see it, and the daughter is now a participant (she is invited with the others).
        var seen = await OkAsync(staff.GetAsync($"/api/v1/meetings/{id}/people"));
        Assert.Equal("MemberComesInstead", seen.GetProperty("intent").GetString());
        Assert.Equal(daughterId, seen.GetProperty("standInMemberId").GetGuid());
        Assert.False(string.IsNullOrEmpty(seen.GetProperty("saidByName").GetString()));
        var meeting = await OkAsync(staff.GetAsync($"/api/v1/meetings/{id}"));
        Assert.Contains(meeting.GetProperty("participants").EnumerateArray(), p => p.GetProperty("memberId").ValueKind != JsonValueKind.Null && p.GetProperty("memberId").GetGuid() == daughterId);

        // The agenda needs decisions from the municipality and the region; nobody is marked as able to decide.
        var scoped = await OkAsync(staff.PutAsJsonAsync($"/api/v1/meetings/{id}/agenda-sectors", new { sectors = new[] { "Region", "Municipality" } }));
        Assert.Equal(["Region", "Municipality"], scoped.GetProperty("sectorsWithoutDecider").EnumerateArray().Select(s => s.GetString()));
        // The caseworker can decide for the job centre: the municipality is covered, the region is still missing.
        var participants = meeting.GetProperty("participants").EnumerateArray().Select(p => new
        {
            memberId = p.GetProperty("memberId").ValueKind == JsonValueKind.Null ? (Guid?)null : p.GetProperty("memberId").GetGuid(),
            isCitizen = p.GetProperty("isCitizen").GetBoolean(),
            role = p.GetProperty("role").GetString(),
            hasDecisionCompetence = p.GetProperty("sector").ValueKind == JsonValueKind.String && p.GetProperty("sector").GetString() == "Municipality",
        }).ToList();
        Assert.Contains(participants, p => p.hasDecisionCompetence);
        await OkAsync(staff.PutAsJsonAsync($"/api/v1/meetings/{id}/participants", new { participants }));
        var warned = await OkAsync(staff.GetAsync($"/api/v1/meetings/{id}/people"));
        Assert.Equal(["Region"], warned.GetProperty("sectorsWithoutDecider").EnumerateArray().Select(s => s.GetString()));
        using var page = await factory.CookieClientAsync("sagsbehandler.kolding");
        var html = await page.GetStringAsync($"/Meetings/{id}");
        Assert.Contains("data-testid=\"decider-warning\"", html, StringComparison.Ordinal);
        Assert.Contains("Amira Demo-Datter", html, StringComparison.Ordinal);

        // Louise's own page shows her answer.
        using var own = await factory.CookieClientAsync("borger.louise");
        Assert.Contains("Amira Demo-Datter", await own.GetStringAsync($"/Me/Meetings/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_or_forbidden_input_is_a_problem_or_a_404_never_a_500()
    {
        using var citizen = await factory.ClientForAsync("borger.louise");
        var courseId = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        using var staff = await factory.ClientForAsync("sagsbehandler.kolding");
        var created = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "Phone" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var body in new object[]
                 {
                     new { intent = "Bogus" },
                     new { intent = 99 },
                     new { intent = "NotSaid" },
                     new { intent = "MemberComesInstead" },
                     new { intent = "MemberComesInstead", standInMemberId = Guid.NewGuid() },
                     new { intent = "WillNotCome", standInMemberId = Guid.NewGuid() },
                     new { intent = "Comes\u0000" + new string('x', 5000) },
                     new { intent = new[] { 1, 2 } },
                 })
        {
            var response = await citizen.PutAsJsonAsync($"/api/v1/meetings/{id}/citizen-notice", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/agenda-sectors", new { sectors = new[] { "Moon" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PutAsJsonAsync($"/api/v1/meetings/{id}/agenda-sectors", new { sectors = new[] { 42 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PutAsJsonAsync($"/api/v1/meetings/{id}/agenda-sectors", new { sectors = new[] { "Region" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.PutAsJsonAsync($"/api/v1/meetings/{Guid.NewGuid()}/citizen-notice", new { intent = "Comes" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync($"/api/v1/meetings/{Guid.NewGuid()}/people")).StatusCode);

        // Someone who may not read the meeting gets a 404 for it, on the API and the page.
        using var elsewhere = await factory.ClientForAsync("borger.preben");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/meetings/{id}/people")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PutAsJsonAsync($"/api/v1/meetings/{id}/citizen-notice", new { intent = "Comes" })).StatusCode);
        using var otherCitizen = await factory.CookieClientAsync("borger.preben");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCitizen.GetAsync($"/Me/Meetings/{id}")).StatusCode);

        // A bad form post on the citizen's page is a readable message on the page.
        using var own = await factory.CookieClientAsync("borger.louise");
        var token = SamspilFactory.AntiforgeryToken(await own.GetStringAsync($"/Me/Meetings/{id}"));
        using var form = await own.PostAsync($"/Me/Meetings/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["intent"] = "MemberComesInstead",
            ["standInMemberId"] = Guid.NewGuid().ToString(),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("data-testid=\"form-errors\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A new course (its citizen needs an Arabic interpreter) with an in-person meeting whose only participant is the citizen.</summary>
    private static async Task<Guid> CitizenOnlyMeetingAsync(HttpClient staff)
    {
        var courseId = (await TestData.CreateCourseAsync(staff)).GetProperty("id").GetGuid();
        var created = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "InPerson" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await OkAsync(staff.PutAsJsonAsync($"/api/v1/meetings/{id}/participants", new { participants = new[] { new { isCitizen = true } } }));
        await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{id}/agenda/points", new { text = "Status" }));
        await OkAsync(staff.PostAsync($"/api/v1/meetings/{id}/agenda/share", null)); // so any day in the window may be proposed
        return id;
    }

    private static int InterpreterAloneRulesOut(JsonElement search) =>
        search.GetProperty("blockers").EnumerateArray().Where(b => b.GetProperty("kind").GetString() == "InterpreterUnavailable").Sum(b => b.GetProperty("rulesOutAlone").GetInt32());

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

public sealed class MeetingPeopleTestsOnSqlite(SqliteFactory factory) : MeetingPeopleTests(factory), IClassFixture<SqliteFactory>;

public sealed class MeetingPeopleTestsOnPostgres(PostgresFactory factory) : MeetingPeopleTests(factory), IClassFixture<PostgresFactory>;
