using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class MeetingApiTests(SamspilFactory factory)
{
    [Fact]
    public async Task Treatment_start_proposes_the_tvaerindsats_meetings_and_a_coordinator_runs_two_of_them()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(client);
        var courseId = course.GetProperty("id").GetGuid();
        var memberId = course.GetProperty("network")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/phase", new { phase = "Treatment" })).StatusCode);
        var calendar = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/meetings");
        var proposed = calendar.GetProperty("meetings").EnumerateArray().ToList();
        // Issue 17: the joint meeting was proposed when assessment started (the course began in assessment); each network
        // meeting has its preparatory conversation; the handover waits for the end of treatment to be known.
        Assert.Equal(["Preparatory", "JointAssessment", "Network", "Preparatory", "Network", "Preparatory", "Network"], proposed.Select(m => m.GetProperty("kind").GetString()));
        Assert.All(proposed, m => Assert.Equal("Proposed", m.GetProperty("status").GetString()));
        Assert.Equal("2026-11-22", proposed[0].GetProperty("dueFrom").GetString());
        Assert.Equal("2026-12-27", proposed[2].GetProperty("dueFrom").GetString()); // about six weeks in
        Assert.Equal("Video", proposed[4].GetProperty("format").GetString());

        // Applying the same template again proposes nothing twice.
        var again = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings/from-template", new { templateKey = "tvaerindsats", triggerDate = "2026-11-22" });
        Assert.Equal(7, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetings").GetArrayLength());

        // The preparatory conversation took place this morning and is written down afterwards.
        var first = proposed[0].GetProperty("id").GetGuid();
        var now = factory.Time.GetUtcNow();
        var meeting = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{first}/schedule", new { start = now.AddHours(-2), end = now.AddHours(-1), format = "InPerson", location = "Traumeklinikken Odense, lokale 2" }));
        Assert.Equal("Scheduled", meeting.GetProperty("status").GetString());
        Assert.Equal(0, meeting.GetProperty("sequence").GetInt32());
        meeting = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{first}/schedule", new { start = now.AddHours(-3), end = now.AddHours(-2), format = "InPerson", location = "Traumeklinikken Odense, lokale 2" }));
        Assert.Equal(1, meeting.GetProperty("sequence").GetInt32()); // moved: a new invitation version

        meeting = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{first}/agenda/points", new { text = "Hvad fylder mest lige nu: bolig, økonomi, familie?" }));
        meeting = await OkAsync(client.PostAsync($"/api/v1/meetings/{first}/agenda/share", null));
        Assert.NotEqual(JsonValueKind.Null, meeting.GetProperty("agendaSharedAt").ValueKind);
        meeting = await OkAsync(client.PostAsync($"/api/v1/meetings/{first}/held", null));
        Assert.Equal("Held", meeting.GetProperty("status").GetString());
        var citizenParticipant = meeting.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("isCitizen").GetBoolean()).GetProperty("id").GetGuid();
        meeting = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{first}/attendance", new { participantId = citizenParticipant, attendance = "InPerson" }));
        meeting = await OkAsync(client.PutAsJsonAsync($"/api/v1/meetings/{first}/minutes", new { minutes = "Boligen fylder mest.", citizenSummary = "Vi talte om din bolig." }));
        meeting = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{first}/agreements", new { text = "Kontakte boligsocialt team", ownerMemberId = memberId, dueDate = "2026-12-01" }));
        var agreement = meeting.GetProperty("agreements")[0];
        var actionId = agreement.GetProperty("planActionId").GetGuid();
        Assert.Equal("Planned", agreement.GetProperty("actionStatus").GetString());
        meeting = await OkAsync(client.PostAsync($"/api/v1/meetings/{first}/minutes/approve", null));
        Assert.Equal("Mette Demo-Lindberg", meeting.GetProperty("minutesApprovedByName").GetString());

        // The agreement is an action in the shared plan, with the same owner and date.
        var plan = await client.GetAsync($"/api/v1/courses/{courseId}/plan");
        var action = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == actionId);
        Assert.Equal("Kontakte boligsocialt team", action.GetProperty("text").GetString());
        Assert.Equal("2026-12-01", action.GetProperty("dueDate").GetString());
        using (var done = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan/actions/{actionId}/status") { Content = JsonContent.Create(new { status = "Done" }) })
        {
            done.Headers.TryAddWithoutValidation("If-Match", plan.Headers.ETag!.Tag);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(done)).StatusCode);
        }

        // Network meeting 1: the minutes start with the last meeting's agreements and how they stand.
        var second = proposed[2].GetProperty("id").GetGuid();
        meeting = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{second}/schedule", new { start = now, end = now.AddHours(1), format = "Video", videoLink = "https://video.example.dk/rum/42" }));
        var previous = meeting.GetProperty("previousAgreements")[0];
        Assert.Equal("Kontakte boligsocialt team", previous.GetProperty("text").GetString());
        Assert.Equal("Done", previous.GetProperty("actionStatus").GetString());
        meeting = await OkAsync(client.PostAsync($"/api/v1/meetings/{second}/held", null));
        Assert.Contains("Kontakte boligsocialt team", meeting.GetProperty("minutesDraft").GetString(), StringComparison.Ordinal);
        Assert.Contains("Udført", meeting.GetProperty("minutesDraft").GetString(), StringComparison.Ordinal);

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/meetings");
        Assert.Contains(mine.EnumerateArray(), m => m.GetProperty("meeting").GetProperty("id").GetGuid() == second && m.GetProperty("iAmCoordinator").GetBoolean());

        var logged = await factory.WithDbAsync(db => db.AccessLog.Where(e => e.ResourceType == "Meeting").Select(e => e.Category).Distinct().ToListAsync());
        Assert.Equal([InformationCategory.MeetingsAndMinutes], logged);
    }

    [Fact]
    public async Task Meeting_rules_answer_with_problem_details_and_change_nothing()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Acute", title = "Akut møde", format = "InPerson" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = factory.Time.GetUtcNow();

        (string Path, object Body, HttpStatusCode Expected)[] attempts =
        [
            ("schedule", new { start = now, end = now.AddHours(-1), format = "InPerson", location = "Rådhuset" }, HttpStatusCode.BadRequest),
            ("schedule", new { start = now, end = now.AddHours(1), format = "InPerson" }, HttpStatusCode.BadRequest),
            ("schedule", new { start = now, end = now.AddHours(1), format = "Video", videoLink = "http://usikkert.example.dk" }, HttpStatusCode.BadRequest),
            ("schedule", new { start = now, end = now.AddHours(1), format = "InPerson", location = "Råd\u0000huset" }, HttpStatusCode.BadRequest),
            ("agenda/share", new { }, HttpStatusCode.BadRequest),
            ("held", new { }, HttpStatusCode.Conflict),
            ("agreements", new { text = "x", ownerIsCitizen = true, dueDate = "2026-12-01" }, HttpStatusCode.Conflict),
            ("agenda/points", new { text = new string('x', 501) }, HttpStatusCode.BadRequest),
        ];
        foreach (var (path, body, expected) in attempts)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/meetings/{id}/{path}", body);
            Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var participants = await client.PutAsJsonAsync($"/api/v1/meetings/{id}/participants", new { participants = new[] { new { memberId = Guid.NewGuid(), role = "Participant" } } });
        Assert.Equal(HttpStatusCode.BadRequest, participants.StatusCode);
        var twoLeaders = await client.PutAsJsonAsync($"/api/v1/meetings/{id}/participants", new { participants = new object[] { new { isCitizen = true, role = "MeetingLeader" }, new { memberId = (Guid?)null, isCitizen = true, role = "MeetingLeader" } } });
        Assert.Equal(HttpStatusCode.BadRequest, twoLeaders.StatusCode);

        var meeting = await client.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.Equal("Proposed", meeting.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, meeting.GetProperty("start").ValueKind);
        Assert.Empty(meeting.GetProperty("agenda").EnumerateArray());
    }

    [Fact]
    public async Task Meetings_are_read_only_on_a_consent_covering_meetings_and_participants_may_propose_points()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician);
        var courseId = course.GetProperty("id").GetGuid();
        var created = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "InPerson" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var caseworker = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/courses/{courseId}/meetings")).StatusCode);

        var jobCentre = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense");
        await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "MeetingsAndMinutes"], new { kind = "Organization", targetId = jobCentre });
        var read = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{id}");
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        Assert.False(read.GetProperty("canPropose").GetBoolean()); // may read, but is not a participant
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"/api/v1/meetings/{id}/agenda/points", new { text = "Sygedagpenge" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.PostAsync($"/api/v1/meetings/{id}/agenda/share", null)).StatusCode);

        using var elsewhere = await factory.ClientForAsync("sagsbehandler.kolding");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/meetings/{id}/invitation.ics")).StatusCode);
        Assert.DoesNotContain((await elsewhere.GetFromJsonAsync<JsonElement>("/api/v1/me/meetings")).EnumerateArray(), m => m.GetProperty("courseId").GetGuid() == courseId);
    }

    [Fact]
    public async Task The_citizen_proposes_an_agenda_point_that_the_coordinator_accepts()
    {
        using var citizen = await factory.ClientForAsync("borger.louise");
        var courseId = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/courses"))[0].GetProperty("id").GetGuid();
        // The Kolding caseworker is on Louise's network and her consent to the job centre covers meetings.
        using var staff = await factory.ClientForAsync("sagsbehandler.kolding");
        var created = await staff.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde om arbejde", format = "Phone" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var proposed = await OkAsync(citizen.PostAsJsonAsync($"/api/v1/meetings/{id}/agenda/points", new { text = "Jeg vil gerne tale om min søvn" }));
        var point = proposed.GetProperty("agenda")[0];
        Assert.False(point.GetProperty("accepted").GetBoolean());
        Assert.False(proposed.GetProperty("canEdit").GetBoolean());
        var accepted = await OkAsync(staff.PostAsync($"/api/v1/meetings/{id}/agenda/points/{point.GetProperty("id").GetGuid()}/accept", null));
        Assert.True(accepted.GetProperty("agenda")[0].GetProperty("accepted").GetBoolean());

        // After the meeting the citizen reads the plain summary, once the minutes are approved.
        var now = factory.Time.GetUtcNow();
        await OkAsync(staff.PostAsJsonAsync($"/api/v1/meetings/{id}/schedule", new { start = now.AddHours(-1), end = now, format = "Phone" }));
        await OkAsync(staff.PostAsync($"/api/v1/meetings/{id}/held", null));
        await OkAsync(staff.PutAsJsonAsync($"/api/v1/meetings/{id}/minutes", new { minutes = "Søvn og arbejde drøftet.", citizenSummary = "Vi talte om din søvn. Næste møde om en måned." }));
        var before = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/meetings")).EnumerateArray().Single(m => m.GetProperty("meeting").GetProperty("id").GetGuid() == id);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("meeting").GetProperty("citizenSummary").ValueKind);
        await OkAsync(staff.PostAsync($"/api/v1/meetings/{id}/minutes/approve", null));
        var after = (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/meetings")).EnumerateArray().Single(m => m.GetProperty("meeting").GetProperty("id").GetGuid() == id);
        Assert.Equal("Vi talte om din søvn. Næste møde om en måned.", after.GetProperty("meeting").GetProperty("citizenSummary").GetString());
    }

    [Fact]
    public async Task Scheduling_mails_an_iCalendar_invitation_and_a_move_or_cancellation_updates_it()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde 1", format = "InPerson" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = factory.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(7);

        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/schedule", new { start, end = start.AddHours(1), format = "InPerson", location = "Rådhuset, lokale 4" }));
        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/schedule", new { start = start.AddDays(1), end = start.AddDays(1).AddHours(1), format = "InPerson", location = "Rådhuset, lokale 4" }));
        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/cancel", new { reason = "Borgeren er syg" }));

        var calendars = CalendarsFor(id);
        Assert.Equal(3, calendars.Count);
        Assert.All(calendars, c => Assert.Contains($"UID:{id:D}@samspil", c.Ics, StringComparison.Ordinal));
        Assert.Equal(["REQUEST:0", "REQUEST:1", "CANCEL:2"], calendars.Select(c => $"{Line(c.Ics, "METHOD")}:{Line(c.Ics, "SEQUENCE")}"));
        var parsed = Ical.Net.Calendar.Load(calendars[1].Ics)!;
        Assert.Equal(start.AddDays(1).UtcDateTime, parsed.Events.Single().Start!.AsUtc);
        Assert.Contains("mailto:", calendars[0].Ics, StringComparison.Ordinal);

        // Nothing about the citizen travels by e-mail.
        Assert.All(calendars, c => Assert.DoesNotContain("Testa", c.Ics + c.Subject + c.Body, StringComparison.Ordinal));

        var ics = await client.GetStringAsync($"/api/v1/meetings/{id}/invitation.ics");
        Assert.Contains("METHOD:CANCEL", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finding_a_time_respects_calendars_the_interpreter_and_the_citizens_wishes_and_says_what_blocks()
    {
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid(); // the citizen needs an Arabic interpreter
        const string Busy = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//da\r\nBEGIN:VEVENT\r\nUID:busy-1\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261123T070000Z\r\nDTEND:20261123T110000Z\r\nSUMMARY:Optaget\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var availability = await client.PutAsJsonAsync("/api/v1/me/availability", new
        {
            workDays = "12345", workStart = "08:00", workEnd = "16:00",
            networkSlotDay = "Thursday", networkSlotStart = "13:00", networkSlotEnd = "15:00",
            calendarIcs = Busy,
        });
        Assert.Equal(HttpStatusCode.OK, availability.StatusCode);
        Assert.True((await availability.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hasCalendarFile").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/courses/{courseId}/meeting-preferences", new { allowedFrom = "09:00", allowedTo = "15:00", maxPeople = 6 })).StatusCode);

        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "InPerson" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await OkAsync(client.PutAsJsonAsync($"/api/v1/meetings/{id}", new { title = "Netværksmøde", purpose = "Plan for arbejde" }));
        var noPlace = await client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2026-11-27", durationMinutes = 60 });
        Assert.Equal(HttpStatusCode.BadRequest, noPlace.StatusCode); // in person needs a place first

        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/schedule", new { start = "2026-12-01T09:00:00Z", end = "2026-12-01T10:00:00Z", format = "InPerson", location = "Traumeklinikken Odense" }));
        var search = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2026-11-27", durationMinutes = 60 }));
        var slots = search.GetProperty("slots").EnumerateArray().ToList();
        Assert.NotEmpty(slots);
        var best = slots[0];
        Assert.Equal("2026-11-26", best.GetProperty("localDate").GetString()); // Thursday: the fixed network slot wins
        Assert.Equal("13:00:00", best.GetProperty("localTime").GetString());
        Assert.True(best.GetProperty("inNetworkSlot").GetBoolean());
        Assert.Contains("Samir Demo-Haddad", best.GetProperty("interpreters").EnumerateArray().Select(i => i.GetString()));
        foreach (var slot in slots)
        {
            var time = TimeOnly.Parse(slot.GetProperty("localTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(time, new TimeOnly(9, 0), new TimeOnly(14, 0)); // within the citizen's 09–15
            Assert.False(slot.GetProperty("localDate").GetString() == "2026-11-23" && time < new TimeOnly(12, 0)); // busy Monday morning
        }

        // When nothing fits, the answer says what blocks.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/courses/{courseId}/meeting-preferences", new { allowedFrom = "06:00", allowedTo = "07:00" })).StatusCode);
        var none = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2026-11-27", durationMinutes = 60 }));
        Assert.Empty(none.GetProperty("slots").EnumerateArray());
        var blocker = none.GetProperty("blockers").EnumerateArray().First();
        Assert.Equal("OutsideCitizenTimesOfDay", blocker.GetProperty("kind").GetString()); // the most restrictive first
        Assert.Contains("uden for de tidspunkter, borgeren kan", blocker.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Hostile calendar input is refused with a clear message and changes nothing.
        var garbage = await client.PutAsJsonAsync("/api/v1/me/availability", new { workDays = "12345", workStart = "08:00", workEnd = "16:00", calendarIcs = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:ikke-en-dato\r\n" });
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        var insecure = await client.PutAsJsonAsync("/api/v1/me/availability", new { workDays = "12345", workStart = "08:00", workEnd = "16:00", calendarFeedUrl = "http://intern.example/kalender.ics" });
        Assert.Equal(HttpStatusCode.BadRequest, insecure.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2027-03-01" })).StatusCode);
    }

    [Fact]
    public async Task Find_a_time_proposes_no_time_whose_agenda_deadline_has_passed()
    {
        // Today is Sunday 22 November; the agenda goes out three working days before, so Thursday 26 is the first
        // day whose deadline (Monday 23) is still ahead.
        using var client = await factory.ClientForAsync("behandler.odense");
        var courseId = (await TestData.CreateCourseAsync(client)).GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title = "Netværksmøde", format = "InPerson" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/schedule", new { start = "2026-12-08T09:00:00Z", end = "2026-12-08T10:00:00Z", format = "InPerson", location = "Traumeklinikken Odense" }));

        var search = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2026-11-27", durationMinutes = 60 }));
        var days = search.GetProperty("slots").EnumerateArray().Select(slot => slot.GetProperty("localDate").GetString()).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, day => Assert.True(string.CompareOrdinal(day, "2026-11-26") >= 0, $"{day} is before the agenda deadline allows"));
        Assert.Contains(search.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("dagsordenen skal deles 3 arbejdsdage", StringComparison.Ordinal));

        // A window that lies wholly before the first possible day is a clear problem, not an empty list or a 500.
        var tooSoon = await client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2026-11-25", durationMinutes = 60 });
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);
        Assert.Contains("dagsordenen kan ikke nå at blive delt i tide", await tooSoon.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Once the agenda is shared its deadline is met: the earlier days come back.
        await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/agenda/points", new { text = "Status på planen" }));
        await OkAsync(client.PostAsync($"/api/v1/meetings/{id}/agenda/share", null));
        var shared = await OkAsync(client.PostAsJsonAsync($"/api/v1/meetings/{id}/find-slots", new { from = "2026-11-23", to = "2026-11-25", durationMinutes = 60 }));
        Assert.NotEmpty(shared.GetProperty("slots").EnumerateArray());
    }

    [Theory]
    [InlineData("admin.region")]
    [InlineData("borger.preben")]
    public async Task My_calendar_page_gives_people_without_a_professional_record_a_plain_answer_not_a_500(string login)
    {
        using var browser = await factory.CookieClientAsync(login);
        var response = await browser.GetAsync("/Me/Availability");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Kun fagpersoner har en kalender i Samspil.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"availability-form\"", page, StringComparison.Ordinal);

        // Posting the form anyway changes nothing and answers the same page.
        var token = SamspilFactory.AntiforgeryToken(page);
        using var post = await browser.PostAsync("/Me/Availability", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["days"] = "1", ["workStart"] = "08:00", ["workEnd"] = "16:00" }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Kun fagpersoner har en kalender i Samspil.", System.Net.WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private List<(string Subject, string Body, string Ics)> CalendarsFor(Guid meetingId) =>
        Directory.Exists(factory.MailDirectory)
            ? Directory.EnumerateFiles(factory.MailDirectory, "*.eml")
                .Select(f => MimeKit.MimeMessage.Load(f))
                .Select(m => (Subject: m.Subject ?? string.Empty, Body: m.TextBody ?? string.Empty, Ics: m.BodyParts.OfType<MimeKit.TextPart>().FirstOrDefault(p => p.ContentType.MimeType == "text/calendar")?.Text ?? string.Empty))
                .Where(m => m.Ics.Contains(meetingId.ToString("D"), StringComparison.Ordinal))
                .OrderBy(m => Line(m.Ics, "SEQUENCE"), StringComparer.Ordinal)
                .ToList()
            : [];

    private static string Line(string ics, string name) =>
        ics.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "(none)";

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class MeetingApiTestsOnSqlite(SqliteFactory factory) : MeetingApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class MeetingApiTestsOnPostgres(PostgresFactory factory) : MeetingApiTests(factory), IClassFixture<PostgresFactory>;
