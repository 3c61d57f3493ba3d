using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Domain.Questionnaires;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// The collaboration questionnaire (issue 19, R16; docs/questionnaires-collaboration.md): sent to the network's
/// professionals the policy covers when a network meeting is held and when the course ends, once; answered per tie
/// by its respondent only; read per course by staff through the access layer, with figures behind fewer than 5
/// answers hidden; hostile input is a problem, never a 500.
/// </summary>
public abstract class CollaborationQuestionnaireTests(SamspilFactory factory)
{
    private static readonly string[] Dimensions = ["frequent", "timely", "accurate", "problem-solving", "shared-goals", "shared-knowledge", "mutual-respect"];

    [Fact]
    public async Task A_held_network_meeting_sends_the_questionnaire_once_to_the_permitted_professionals_and_each_answers_their_ties()
    {
        var (courseId, meetingId, clinician, caseworker) = await HeldNetworkMeetingAsync();

        // Sent to the professionals who may read the course's meetings: the clinician and the caseworker, not the GP without consent.
        var sent = await AssignmentsAsync(courseId);
        using var gp = await factory.ClientForAsync("laege1");
        var gpMayRead = (await gp.GetAsync($"/api/v1/courses/{courseId}/meetings")).IsSuccessStatusCode;
        Assert.Equal(gpMayRead ? 3 : 2, sent.Count);
        Assert.All(sent, a => Assert.Equal((meetingId, AssignmentOccasion.AfterMeeting, AssignmentStatus.Open), (a.MeetingId, a.Occasion, a.Status)));
        Assert.All(sent, a => Assert.NotNull(a.RespondentUserId));
        var notices = await factory.WithDbAsync(db => db.Notifications.Where(n => n.CourseId == courseId && n.Kind == NotificationKind.CollaborationQuestionnaire).ToListAsync());
        Assert.Equal(sent.Select(a => a.RespondentUserId!.Value).Order(), notices.Select(n => n.RecipientUserId).Order());
        Assert.All(notices, n => Assert.Equal(InformationCategory.MeetingsAndMinutes, n.Category));

        // Writing and approving the minutes afterwards sends nothing new.
        Assert.Equal(HttpStatusCode.OK, (await clinician.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/minutes", new { minutes = "Vi talte om arbejdet." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsync($"/api/v1/meetings/{meetingId}/minutes/approve", null)).StatusCode);
        Assert.Equal(sent.Count, (await AssignmentsAsync(courseId)).Count);

        // The caseworker finds it among their open questionnaires and answers about psychiatry, skipping general practice.
        var mine = await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/collaboration-assignments", SamspilFactory.Json);
        var item = mine.EnumerateArray().Single(a => a.GetProperty("courseId").GetGuid() == courseId);
        var assignmentId = item.GetProperty("id").GetGuid();
        Assert.Equal($"/Courses/{courseId}/Collaboration/{assignmentId}", item.GetProperty("link").GetString());
        var form = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/collaboration/{assignmentId}", SamspilFactory.Json);
        Assert.Equal("Employment", form.GetProperty("ownArea").GetProperty("area").GetString());
        Assert.Equal(["Psychiatry", "GeneralPractice"], form.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("area").GetString()).Order().Reverse());

        var answered = await caseworker.PostAsJsonAsync($"/api/v1/courses/{courseId}/collaboration/{assignmentId}", new
        {
            ties = new[] { Tie("Psychiatry", [2, 2, 3, 2, 2, 3, 2], "Ring tilbage samme dag") },
        });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var tie = (await answered.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("ties")[0];
        Assert.Equal(2.3m, tie.GetProperty("total").GetDecimal()); // 16 / 7 = 2.29 → 2.3, at or below 2.5: a weak tie
        Assert.True(tie.GetProperty("weak").GetBoolean());
        var stored = await factory.WithDbAsync(db => db.QuestionnaireResponses.Where(r => r.AssignmentId == assignmentId).ToListAsync());
        var response = Assert.Single(stored);
        Assert.Equal((CollaborationArea.Employment, CollaborationArea.Psychiatry, meetingId), (response.RespondentArea!.Value, response.PartnerArea!.Value, response.MeetingId!.Value));
        Assert.Equal(3m, response.Scores.Single(s => s.Key == "accurate").Value);
        Assert.Equal(AssignmentStatus.Answered, (await factory.WithDbAsync(db => db.QuestionnaireAssignments.SingleAsync(a => a.Id == assignmentId))).Status);

        // Again: 409, nothing more saved; it has left the open list.
        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsJsonAsync($"/api/v1/courses/{courseId}/collaboration/{assignmentId}", new { ties = new[] { Tie("Psychiatry", [4, 4, 4, 4, 4, 4, 4]) } })).StatusCode);
        Assert.Single(await factory.WithDbAsync(db => db.QuestionnaireResponses.Where(r => r.AssignmentId == assignmentId).ToListAsync()));
        Assert.DoesNotContain((await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/collaboration-assignments", SamspilFactory.Json)).EnumerateArray(), a => a.GetProperty("id").GetGuid() == assignmentId);

        // Someone else's assignment is 404 for the clinician, by API and page; the respondent's page opens.
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/collaboration/{assignmentId}", new { ties = new[] { Tie("Employment", [4, 4, 4, 4, 4, 4, 4]) } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{courseId}/collaboration/{assignmentId}")).StatusCode);
        using var clinicianPage = await factory.CookieClientAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await clinicianPage.GetAsync($"/Courses/{courseId}/Collaboration/{assignmentId}")).StatusCode);
        using var caseworkerPage = await factory.CookieClientAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await caseworkerPage.GetAsync($"/Courses/{courseId}/Collaboration/{assignmentId}")).StatusCode);
    }

    [Fact]
    public async Task Hostile_answers_are_problems_that_save_nothing()
    {
        var (courseId, _, clinician, _) = await HeldNetworkMeetingAsync();
        var mine = await clinician.GetFromJsonAsync<JsonElement>("/api/v1/me/collaboration-assignments", SamspilFactory.Json);
        var assignmentId = mine.EnumerateArray().Single(a => a.GetProperty("courseId").GetGuid() == courseId).GetProperty("id").GetGuid();
        var url = $"/api/v1/courses/{courseId}/collaboration/{assignmentId}";

        object[] bad =
        [
            new { ties = new[] { Tie("Mars", [3, 3, 3, 3, 3, 3, 3]) } },                 // unknown area
            new { ties = new[] { Tie("7", [3, 3, 3, 3, 3, 3, 3]) } },                    // a number is not an area
            new { ties = new[] { Tie("Psychiatry", [3, 3, 3, 3, 3, 3, 3]) } },           // the respondent's own area
            new { ties = new[] { Tie("SocialServices", [3, 3, 3, 3, 3, 3, 3]) } },       // not in the course's network
            new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3, 3]), Tie("Employment", [3, 3, 3, 3, 3, 3, 3]) } }, // twice
            new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3]) } },              // an item missing
            new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3, 6]) } },           // out of range
            new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3, 3], new string('x', 5000)) } }, // over-long text
            new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3, 3], "bedre\u0000kontakt") } },  // control character
            new { ties = new[] { new { partnerArea = "Employment", answers = new[] { new { linkId = "no-such-item", number = 3 } } } } },
            new { ties = Array.Empty<object>() },
            new { },
        ];
        foreach (var body in bad)
        {
            var answer = await clinician.PostAsJsonAsync(url, body);
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)[..Math.Min(120, JsonSerializer.Serialize(body).Length)]} answered {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        // Wrong JSON types and a body that is not JSON at all.
        foreach (var raw in new[] { """{"ties":[{"partnerArea":"Employment","answers":[{"linkId":"frequent","number":"tre"}]}]}""", """{"ties":"Employment"}""", "not json", """{"ties":[{"partnerArea":"Employment","answers":[{"linkId":"frequent","number":99999999999}]}]}""" })
        {
            var answer = await clinician.PostAsync(url, new StringContent(raw, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }

        // Unknown ids are 404.
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/collaboration/{Guid.NewGuid()}", new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3, 3]) } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsJsonAsync($"/api/v1/courses/{Guid.NewGuid()}/collaboration/{assignmentId}", new { ties = new[] { Tie("Employment", [3, 3, 3, 3, 3, 3, 3]) } })).StatusCode);

        Assert.Empty(await factory.WithDbAsync(db => db.QuestionnaireResponses.Where(r => r.AssignmentId == assignmentId).ToListAsync()));
        Assert.Equal(AssignmentStatus.Open, (await factory.WithDbAsync(db => db.QuestionnaireAssignments.SingleAsync(a => a.Id == assignmentId))).Status);
    }

    [Fact]
    public async Task The_course_results_hide_a_tie_below_5_answers_show_it_from_5_and_are_404_for_a_stranger_and_logged()
    {
        var (courseId, meetingId, clinician, caseworker) = await HeldNetworkMeetingAsync();
        var assignmentId = (await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/collaboration-assignments", SamspilFactory.Json))
            .EnumerateArray().Single(a => a.GetProperty("courseId").GetGuid() == courseId).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/v1/courses/{courseId}/collaboration/{assignmentId}", new { ties = new[] { Tie("Psychiatry", [4, 4, 4, 4, 4, 4, 4]) } })).StatusCode);

        // One answer: the tie is listed, every figure hidden and carrying no value.
        var results = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/collaboration", SamspilFactory.Json);
        var tie = results.GetProperty("ties").EnumerateArray().Single(t => t.GetProperty("areaA").GetString() == "Psychiatry" && t.GetProperty("areaB").GetString() == "Employment");
        foreach (var row in tie.GetProperty("rows").EnumerateArray())
        {
            Assert.Equal("Suppressed", row.GetProperty("total").GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("total").GetProperty("value").ValueKind);
            Assert.All(row.GetProperty("dimensions").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.GetProperty("value").ValueKind));
        }

        using var page = await factory.CookieClientAsync("behandler.odense");
        var html = await page.GetStringAsync($"/Courses/{courseId}/Collaboration");
        Assert.Contains("færre end 5 svar", html, StringComparison.Ordinal);

        // Four more answers about the same tie (both directions count): from 5 the means are shown.
        await AddResponsesAsync(courseId, meetingId, [(CollaborationArea.Psychiatry, CollaborationArea.Employment, 2), (CollaborationArea.Psychiatry, CollaborationArea.Employment, 3), (CollaborationArea.Employment, CollaborationArea.Psychiatry, 5), (CollaborationArea.Employment, CollaborationArea.Psychiatry, 1)]);
        results = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/collaboration", SamspilFactory.Json);
        tie = results.GetProperty("ties").EnumerateArray().Single(t => t.GetProperty("areaA").GetString() == "Psychiatry" && t.GetProperty("areaB").GetString() == "Employment");
        var all = tie.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("occasion").GetString() == "All");
        Assert.Equal(5m, all.GetProperty("answers").GetProperty("value").GetDecimal());
        Assert.Equal(3.0m, all.GetProperty("total").GetProperty("value").GetDecimal()); // (4 + 2 + 3 + 5 + 1) / 5
        Assert.Equal(3.0m, all.GetProperty("dimensions")[0].GetProperty("value").GetDecimal());
        Assert.False(all.GetProperty("weak").GetBoolean());
        Assert.Equal(7, results.GetProperty("dimensions").GetArrayLength());

        // A stranger and an unknown course: 404, by API and page. Every read is logged under meetings and minutes.
        using var stranger = await factory.ClientForAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/courses/{courseId}/collaboration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/courses/{Guid.NewGuid()}/collaboration")).StatusCode);
        using var strangerPage = await factory.CookieClientAsync("koordinator.fredericia");
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.GetAsync($"/Courses/{courseId}/Collaboration")).StatusCode);
        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "CollaborationResponses" && e.ResourceId == courseId).Select(e => e.Category).ToListAsync());
        Assert.True(logged.Count >= 3);
        Assert.All(logged, c => Assert.Equal(InformationCategory.MeetingsAndMinutes, c));
    }

    [Fact]
    public async Task Ending_the_course_sends_the_end_questionnaire_once_and_never_to_the_citizen()
    {
        var (courseId, _, clinician, _) = await HeldNetworkMeetingAsync();
        var before = (await AssignmentsAsync(courseId)).Count;
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/end", new { endDate = today })).StatusCode);

        var all = await AssignmentsAsync(courseId);
        var atEnd = all.Where(a => a.Occasion == AssignmentOccasion.CourseEnd).ToList();
        Assert.Equal(before, atEnd.Count); // the same professionals as after the meeting
        Assert.All(atEnd, a => Assert.Null(a.MeetingId));
        var citizenUsers = await factory.WithDbAsync(db => db.Users.Where(u => u.CitizenId != null).Select(u => u.Id).ToListAsync());
        Assert.DoesNotContain(all, a => citizenUsers.Contains(a.RespondentUserId!.Value));

        // The course-end questionnaire is answered like the others, about the network on its last day.
        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        var endAssignment = (await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/me/collaboration-assignments", SamspilFactory.Json))
            .EnumerateArray().Single(a => a.GetProperty("courseId").GetGuid() == courseId && a.GetProperty("occasion").GetString() == "CourseEnd");
        var answered = await caseworker.PostAsJsonAsync($"/api/v1/courses/{courseId}/collaboration/{endAssignment.GetProperty("id").GetGuid()}", new { ties = new[] { Tie("Psychiatry", [5, 5, 5, 5, 5, 5, 5]) } });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private static object Tie(string partnerArea, int[] numbers, string? improve = null) => new
    {
        partnerArea,
        answers = numbers.Select((n, i) => (object)new { linkId = Dimensions[i], number = n })
            .Concat(improve is null ? [] : [new { linkId = "improve", text = improve }])
            .ToArray(),
    };

    private Task<List<QuestionnaireAssignment>> AssignmentsAsync(Guid courseId) =>
        factory.WithDbAsync(db => db.QuestionnaireAssignments.Where(a => a.CourseId == courseId).ToListAsync());

    /// <summary>Answers by other (imagined) respondents, written straight to the database as the answering would.</summary>
    private Task AddResponsesAsync(Guid courseId, Guid meetingId, (CollaborationArea From, CollaborationArea To, int Score)[] answers) =>
        factory.WithDbAsync(async db =>
        {
            var instrument = await db.Instruments.SingleAsync(i => i.Key == "samspil-collaboration");
            var citizenId = await db.Courses.Where(c => c.Id == courseId).Select(c => c.CitizenId).SingleAsync();
            db.SystemSeeding = true;
            foreach (var (from, to, score) in answers)
            {
                db.QuestionnaireResponses.Add(QuestionnaireResponse.Complete(
                    instrument, courseId, citizenId, null, Dimensions.Select(d => new QuestionnaireAnswer(d, Number: score)), ResponseMode.Self, "da",
                    new Actor(Guid.NewGuid(), "Test"), SamspilFactory.Now, from, to, meetingId));
            }

            await db.SaveChangesAsync();
            db.SystemSeeding = false;
            return true;
        });

    /// <summary>
    /// A new course (the clinician, psychiatry) with the Odense caseworker (employment, with a consent to meetings) and a
    /// GP (general practice, no consent) on its network, and a network meeting held an hour ago.
    /// </summary>
    private async Task<(Guid CourseId, Guid MeetingId, HttpClient Clinician, HttpClient Caseworker)> HeldNetworkMeetingAsync()
    {
        var clinician = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(clinician)).GetProperty("id").GetGuid();
        foreach (var name in new[] { "Birgitte Demo-Aagaard", "Carsten Demo-Vinther" })
        {
            var added = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
            {
                kind = "Professional",
                practitionerRoleId = await TestData.PractitionerRoleIdAsync(clinician, name),
                role = "Other",
                activeFrom = "2026-11-20",
                citizenAgreement = new { agreedOn = "2026-11-20", method = "Phone" },
            });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "MeetingsAndMinutes"], new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense") });
        var created = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde (test)", format = "InPerson" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();
        var now = factory.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/schedule", new { start = now.AddHours(-2), end = now.AddHours(-1), format = "InPerson", location = "Traumeklinikken Odense" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsync($"/api/v1/meetings/{meetingId}/held", null)).StatusCode);
        var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        return (courseId, meetingId, clinician, caseworker);
    }
}

public sealed class CollaborationQuestionnaireTestsOnSqlite(SqliteFactory factory) : CollaborationQuestionnaireTests(factory), IClassFixture<SqliteFactory>;

public sealed class CollaborationQuestionnaireTestsOnPostgres(PostgresFactory factory) : CollaborationQuestionnaireTests(factory), IClassFixture<PostgresFactory>;
