using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 17 point 3: meeting models that follow the course. The shipped Tværindsats model on a new refugee course:
/// the joint meeting when assessment starts, a preparatory conversation (citizen and tovholder only) before each
/// network meeting (the whole network), the handover after the end of treatment, moving when that date moves; open
/// proposals move, scheduled and cancelled meetings stay. Models with triggers through /api/v1, hostile input refused.
/// </summary>
public abstract class MeetingModelFollowTests(SamspilFactory factory)
{
    [Fact]
    public async Task Proposals_follow_the_phases_the_expected_end_of_treatment_and_the_meetings_held_and_invite_by_role()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician);
        var courseId = course.GetProperty("id").GetGuid();
        var coordinator = course.GetProperty("network")[0].GetProperty("id").GetGuid();

        // The course starts in assessment: the joint meeting after assessment is proposed at once, three weeks out.
        var joint = Assert.Single(await CalendarAsync(clinician, courseId));
        Assert.Equal("JointAssessment", joint.GetProperty("kind").GetString());
        Assert.Equal("2026-12-13", joint.GetProperty("dueFrom").GetString());

        await TestData.AddProfessionalAsync(clinician, courseId, "Birgitte Demo-Aagaard");

        // Treatment starts: three network meetings, each with a preparatory conversation before it; no handover yet.
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment" })).StatusCode);
        var meetings = await CalendarAsync(clinician, courseId);
        Assert.Equal(["Preparatory", "JointAssessment", "Network", "Preparatory", "Network", "Preparatory", "Network"], Kinds(meetings));
        Assert.Equal(["2026-11-22", "2026-12-13", "2026-12-27", "2027-01-24", "2027-02-20", "2027-04-03", "2027-05-01"], meetings.Select(m => m.GetProperty("dueFrom").GetString()));
        Assert.Equal("Video", meetings[4].GetProperty("format").GetString());

        // By role: the preparatory conversation is the citizen and the tovholder; a network meeting the whole network.
        var preparatory = await MeetingAsync(clinician, Id(meetings[0]));
        Assert.Equal([(true, (Guid?)null), (false, coordinator)], Participants(preparatory));
        var network = await MeetingAsync(clinician, Id(meetings[2]));
        Assert.Equal(3, network.GetProperty("participants").GetArrayLength());
        Assert.Contains(Participants(network), p => p.MemberId is { } id && id != coordinator);

        // The expected end of treatment is set: the handover is proposed from it, and moves when it moves.
        await SetExpectedEndAsync(clinician, courseId, "\"0\"", "2027-06-30");
        var handover = Assert.Single(await CalendarAsync(clinician, courseId), m => m.GetProperty("kind").GetString() == "Handover");
        Assert.Equal(("2027-06-30", "2027-07-21"), (handover.GetProperty("dueFrom").GetString(), handover.GetProperty("dueTo").GetString()));
        await SetExpectedEndAsync(clinician, courseId, "\"1\"", "2027-08-15");
        var moved = Assert.Single(await CalendarAsync(clinician, courseId), m => m.GetProperty("kind").GetString() == "Handover");
        Assert.Equal(Id(handover), Id(moved));
        Assert.Equal("2027-08-15", moved.GetProperty("dueFrom").GetString());

        // Network meeting 2 is scheduled; then meeting 1 is scheduled early. The open proposals after meeting 1 (its
        // preparatory conversation before meeting 2) move with it; the scheduled meeting 2 stays where it was put.
        var nm1 = Id(meetings[2]);
        var nm2 = Id(meetings[4]);
        var prep2 = Id(meetings[3]);
        var at = new DateTimeOffset(2027, 2, 22, 9, 0, 0, TimeSpan.Zero);
        await OkAsync(clinician.PostAsJsonAsync($"/api/v1/meetings/{nm2}/schedule", new { start = at, end = at.AddHours(1), format = "Video", videoLink = "https://video.example.dk/rum/7" }));
        var early = new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero);
        await OkAsync(clinician.PostAsJsonAsync($"/api/v1/meetings/{nm1}/schedule", new { start = early, end = early.AddHours(1), format = "InPerson", location = "Traumeklinikken Odense" }));
        var after = await CalendarAsync(clinician, courseId);
        Assert.Equal("2027-01-12", Single(after, prep2).GetProperty("dueFrom").GetString()); // 28 days after 15 December
        Assert.Equal("Scheduled", Single(after, nm2).GetProperty("status").GetString());
        Assert.Equal("2027-02-20", Single(after, nm2).GetProperty("dueFrom").GetString());

        // A declined (cancelled) proposal is not proposed again when the course moves on.
        var prep3 = Id(meetings[5]);
        await OkAsync(clinician.PostAsJsonAsync($"/api/v1/meetings/{prep3}/cancel", new { reason = "Borgeren ønsker ikke en samtale denne gang" }));

        // Treatment ends today (referral): the handover follows the real end, and nothing else is proposed twice.
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Referral" })).StatusCode);
        var ended = await CalendarAsync(clinician, courseId);
        Assert.Equal("2026-11-22", Single(ended, Id(handover)).GetProperty("dueFrom").GetString());
        Assert.Equal(8, ended.Count);
        Assert.Equal("Cancelled", Single(ended, prep3).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Models_with_triggers_are_read_and_written_through_the_api_and_hostile_steps_are_problem_details()
    {
        using var admin = await factory.ClientForAsync("admin.region");
        var shipped = await admin.GetFromJsonAsync<JsonElement>("/api/v1/meeting-templates/tvaerindsats", SamspilFactory.Json);
        var steps = shipped.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(8, steps.Count);
        Assert.Equal(("PhaseEntered", "Treatment"), (steps[0].GetProperty("trigger").GetString(), steps[0].GetProperty("triggerPhase").GetString()));
        Assert.Equal(["Coordinator"], steps[0].GetProperty("participantRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(("AfterStep", 1), (steps[2].GetProperty("trigger").GetString(), steps[2].GetProperty("afterStep").GetInt32()));
        Assert.Equal(("PhaseLeft", "Treatment"), (steps[4].GetProperty("trigger").GetString(), steps[4].GetProperty("triggerPhase").GetString()));
        Assert.Equal(("JointAssessment", "Assessment"), (steps[7].GetProperty("kind").GetString(), steps[7].GetProperty("triggerPhase").GetString()));

        var key = "follow-" + Guid.NewGuid().ToString("N")[..8];
        object Step(object trigger, object? phase = null, object? after = null) => new
        {
            kind = "Network", titleDa = "Møde", titleEn = "Meeting", format = "Phone", offsetDays = 7, windowDays = 14, trigger, triggerPhase = phase, afterStep = after,
        };
        var created = await admin.PostAsJsonAsync("/api/v1/meeting-templates", new { key, nameDa = "Følger forløbet", nameEn = "Follows the course", steps = new[] { Step("PhaseLeft", "Assessment"), Step("AfterStep", after: 0), Step("CourseEnd") } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["PhaseLeft", "AfterStep", "CourseEnd"], view.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("trigger").GetString()));

        (object Body, string? Field)[] hostile =
        [
            (new[] { Step("AfterStep", after: 0) }, "steps[0].afterStep"), // itself
            (new[] { Step("PhaseEntered"), Step("AfterStep", after: 5) }, null), // no phase; a later step
            (new[] { Step("PhaseEntered", "NoSuchPhase") }, null),
            (new[] { Step("Sometime") }, null),
            (new[] { Step(42) }, null),
            (new[] { Step("AfterStep", after: "first") }, null),
            (new[] { Step("AfterStep", after: int.MaxValue) }, null),
            (new[] { Step("PhaseEntered\u0000", "Treatment") }, null),
            (new[] { Step(new string('x', 5000)) }, null),
        ];
        foreach (var (body, field) in hostile)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/meeting-templates/{key}") { Content = JsonContent.Create(new { nameDa = "X", nameEn = "X", steps = body }) };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            var response = await admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field is not null)
            {
                Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
            }
        }

        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meeting-templates/{key}", SamspilFactory.Json);
        Assert.Equal(0, stored.GetProperty("version").GetInt32());
        Assert.Equal(3, stored.GetProperty("steps").GetArrayLength());
    }

    private static async Task SetExpectedEndAsync(HttpClient client, Guid courseId, string ifMatch, string expectedEnd)
    {
        var data = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/master-data", SamspilFactory.Json);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/courses/{courseId}/master-data")
        {
            Content = JsonContent.Create(new
            {
                targetGroupCode = data.GetProperty("targetGroupCode").GetString(),
                regionOrganizationId = data.GetProperty("regionOrganizationId").GetGuid(),
                municipalityOrganizationId = data.GetProperty("municipalityOrganizationId").GetGuid(),
                expectedTreatmentEndDate = expectedEnd,
            }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> CalendarAsync(HttpClient client, Guid courseId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings", SamspilFactory.Json)).GetProperty("meetings").EnumerateArray().ToList();

    private static async Task<JsonElement> MeetingAsync(HttpClient client, Guid meetingId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}", SamspilFactory.Json);

    private static List<string?> Kinds(List<JsonElement> meetings) => meetings.Select(m => m.GetProperty("kind").GetString()).ToList();

    private static Guid Id(JsonElement meeting) => meeting.GetProperty("id").GetGuid();

    private static JsonElement Single(List<JsonElement> meetings, Guid id) => meetings.Single(m => Id(m) == id);

    private static List<(bool IsCitizen, Guid? MemberId)> Participants(JsonElement meeting) =>
        meeting.GetProperty("participants").EnumerateArray()
            .Select(p => (p.GetProperty("isCitizen").GetBoolean(), p.GetProperty("memberId").ValueKind == JsonValueKind.Null ? (Guid?)null : p.GetProperty("memberId").GetGuid()))
            .ToList();

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>
/// Issue 17 point 3, decided: Tværindsats taken into use on a course that has been in treatment for weeks proposes the
/// coming network meetings, each with its preparatory conversation, from that day; the course's own meetings stay as they
/// were, and taking the model into use again proposes nothing twice. Its own factory, since it moves the clock.
/// </summary>
public abstract class MeetingModelTakenIntoUseTests(SamspilFactory factory)
{
    [Fact]
    public async Task Tvaerindsats_taken_into_use_on_a_course_in_treatment_proposes_the_coming_meetings_from_that_day_and_keeps_the_courses_meetings()
    {
        Guid courseId;
        Guid own;
        using (var clinician = await factory.ClientForAsync("behandler.odense"))
        {
            // A course in treatment whose target group follows the task force model, with a meeting of its own, scheduled.
            var request = await TestData.CourseRequestAsync(clinician);
            request["targetGroupCode"] = "complex-rehabilitation";
            request["phase"] = "Treatment";
            var created = await clinician.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            courseId = (await created.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();
            var meeting = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Opstartsmøde", format = "InPerson" });
            Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
            own = (await meeting.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();
            var at = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
            var scheduled = await clinician.PostAsJsonAsync($"/api/v1/meetings/{own}/schedule", new { start = at, end = at.AddHours(1), format = "InPerson", location = "Traumeklinikken Odense" });
            Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());
        }

        // Six weeks into treatment the tovholder takes Tværindsats into use.
        factory.Advance(TimeSpan.FromDays(42));
        using var later = await factory.ClientForAsync("behandler.odense");
        var before = await CalendarAsync(later, courseId);
        var applied = await later.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings/from-template", new { templateKey = "tvaerindsats" });
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var after = await CalendarAsync(later, courseId);
        var model = after.Where(m => !before.Any(b => b.GetProperty("id").GetGuid() == m.GetProperty("id").GetGuid())).OrderBy(m => m.GetProperty("dueFrom").GetString(), StringComparer.Ordinal).ToList();

        // From the day it was taken into use (3 January 2027): the preparatory conversation now, network meeting 1 five
        // weeks on, each later network meeting with its preparatory conversation before it; no joint meeting (the course
        // never was in assessment) and no handover (no expected end of treatment yet).
        Assert.Equal(["Preparatory", "Network", "Preparatory", "Network", "Preparatory", "Network"], model.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(["2027-01-03", "2027-02-07", "2027-03-07", "2027-04-03", "2027-05-15", "2027-06-12"], model.Select(m => m.GetProperty("dueFrom").GetString()));
        Assert.All(model, m => Assert.Equal("Proposed", m.GetProperty("status").GetString()));

        // The course's own meeting and the task force's proposal are as they were.
        Assert.Equal(before.Count + 6, after.Count);
        foreach (var kept in before)
        {
            var now = after.Single(m => m.GetProperty("id").GetGuid() == kept.GetProperty("id").GetGuid());
            Assert.Equal(kept.GetProperty("status").GetString(), now.GetProperty("status").GetString());
            Assert.Equal(kept.GetProperty("dueFrom").ToString(), now.GetProperty("dueFrom").ToString());
        }

        Assert.Equal("Scheduled", after.Single(m => m.GetProperty("id").GetGuid() == own).GetProperty("status").GetString());

        // Taken into use again a week later: nothing is proposed twice, and the proposals stay counted from the first day.
        factory.Advance(TimeSpan.FromDays(7));
        using var again = await factory.ClientForAsync("behandler.odense");
        Assert.True((await again.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings/from-template", new { templateKey = "tvaerindsats" })).IsSuccessStatusCode);
        var twice = await CalendarAsync(again, courseId);
        Assert.Equal(after.Count, twice.Count);
        Assert.Equal("2027-01-03", twice.Single(m => m.GetProperty("id").GetGuid() == model[0].GetProperty("id").GetGuid()).GetProperty("dueFrom").GetString());
    }

    private static async Task<List<JsonElement>> CalendarAsync(HttpClient client, Guid courseId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings", SamspilFactory.Json)).GetProperty("meetings").EnumerateArray().ToList();
}

public sealed class MeetingModelTakenIntoUseTestsOnSqlite(SqliteFactory factory) : MeetingModelTakenIntoUseTests(factory), IClassFixture<SqliteFactory>;

public sealed class MeetingModelTakenIntoUseTestsOnPostgres(PostgresFactory factory) : MeetingModelTakenIntoUseTests(factory), IClassFixture<PostgresFactory>;

public sealed class MeetingModelFollowTestsOnSqlite(SqliteFactory factory) : MeetingModelFollowTests(factory), IClassFixture<SqliteFactory>;

public sealed class MeetingModelFollowTestsOnPostgres(PostgresFactory factory) : MeetingModelFollowTests(factory), IClassFixture<PostgresFactory>;
