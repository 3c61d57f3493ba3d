using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Meetings;
using Samspil.Infrastructure.Persistence;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 20: the FHIR read and search paths of Appointment, QuestionnaireResponse, Consent and AuditEvent in every world:
/// a read answers 200 exactly when the model allows it (else 404), and a search by patient shows nothing the model forbids
/// (and, for a reader of the course, everything it allows). Communication: every account of the world is made a participant
/// of one thread per course (more than the API would let in), so the test asks whether taking part alone ever lets someone
/// read a message the model forbids: a message is read exactly by a participant the model lets read the course's messages
/// who is the citizen, a proxy in force, or a professional on the course's active network (the conversations' own rule).
/// </summary>
public abstract partial class ModelBasedAccessTests
{
    private async Task<(int Cases, int SingleReads, int Visible)> FhirPathsLeakNothingAsync(
        int w, World world, Dictionary<string, HttpClient> clients, VisibilityOracle oracle, List<Course> allCourses, List<Course> worldCourses,
        Dictionary<Guid, HashSet<Guid>> questionnaireResponses, List<string> failures)
    {
        var cases = 0;
        var singleReads = 0;
        var visible = 0;

        // One meeting on every course of the world.
        var meetings = new Dictionary<Guid, Course>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
            db.SystemSeeding = true;
            foreach (var course in worldCourses)
            {
                var meeting = Meeting.Create(new NewMeeting(course.Id, course.CitizenId, MeetingKind.Network, $"Møde (model) {course.Id}", MeetingFormat.InPerson, null, null), new Moment(SamspilFactory.Now, Today));
                db.Meetings.Add(meeting);
                meetings[meeting.Id] = course;
            }

            await db.SaveChangesAsync();
        }

        var messages = await ThreadWithEveryoneAsync(world, worldCourses);

        // A citizen's Appointments are every meeting of their courses: these, those the course's meeting model proposed, and
        // those other parts of the test made.
        var courseById = allCourses.Concat(worldCourses).DistinctBy(c => c.Id).ToDictionary(c => c.Id);
        var worldCitizens = worldCourses.Select(c => c.CitizenId).Distinct().ToList();
        var citizenMeetings = (await factory.WithDbAsync(db => db.Meetings.Where(m => worldCitizens.Contains(m.CitizenId)).Select(m => new { m.Id, m.CourseId }).ToListAsync()))
            .Where(m => courseById.ContainsKey(m.CourseId))
            .ToDictionary(m => m.Id, m => courseById[m.CourseId]);

        var responseIds = questionnaireResponses.Values.SelectMany(r => r).ToList();
        var responseCategory = await factory.WithDbAsync(db => db.QuestionnaireResponses.Where(r => responseIds.Contains(r.Id))
            .Join(db.Instruments, r => r.InstrumentId, i => i.Id, (r, i) => new { r.Id, i.Category }).ToDictionaryAsync(x => x.Id, x => x.Category));
        var responseCourse = questionnaireResponses.SelectMany(p => p.Value.Select(r => (Response: r, Course: worldCourses.Single(c => c.Id == p.Key)))).ToDictionary(x => x.Response, x => x.Course);
        var citizens = worldCourses.Select(c => c.CitizenId).Distinct().ToList();
        var consents = await factory.WithDbAsync(db => db.Consents.Where(k => citizens.Contains(k.CitizenId)).Select(k => new { k.Id, k.CitizenId }).ToListAsync());

        foreach (var user in world.Users)
        {
            var client = clients[user.UserName];
            foreach (var (meetingId, course) in meetings)
            {
                using var answer = await client.GetAsync($"/fhir/Appointment/{meetingId}");
                var expected = oracle.MaySee(user, course, InformationCategory.MeetingsAndMinutes);
                cases++;
                singleReads++;
                visible += expected ? 1 : 0;
                if (answer.StatusCode != (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound)
                    || (expected && !(await answer.Content.ReadAsStringAsync()).Contains($"EpisodeOfCare/{course.Id}", StringComparison.Ordinal)))
                {
                    failures.Add($"world {w} FHIR Appointment/{meetingId} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                }
            }

            var onNetwork = await OnActiveNetworkAsync(user, worldCourses);
            foreach (var (messageId, course) in messages)
            {
                using var answer = await client.GetAsync($"/fhir/Communication/{messageId}");
                var takesPart = (oracle.MayActAsCitizen(user) && user.CitizenId == course.CitizenId) || onNetwork.Contains(course.Id);
                var expected = takesPart && oracle.MaySee(user, course, InformationCategory.Messages);
                cases++;
                singleReads++;
                visible += expected ? 1 : 0;
                if (answer.StatusCode != (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                {
                    failures.Add($"world {w} FHIR Communication/{messageId} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                }
            }

            foreach (var (responseId, course) in responseCourse)
            {
                using var answer = await client.GetAsync($"/fhir/QuestionnaireResponse/{responseId}");
                var expected = oracle.MaySee(user, course, responseCategory[responseId]);
                cases++;
                singleReads++;
                visible += expected ? 1 : 0;
                if (answer.StatusCode != (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                {
                    failures.Add($"world {w} FHIR QuestionnaireResponse/{responseId} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                }
            }

            foreach (var citizenId in citizens)
            {
                var citizenVisible = allCourses.Where(c => c.CitizenId == citizenId).Any(c => oracle.MaySee(user, c));

                var appointments = await IdsAsync(client, $"/fhir/Appointment?patient=Patient/{citizenId}&_count=200");
                var expectedAppointments = citizenMeetings.Where(m => m.Value.CitizenId == citizenId && oracle.MaySee(user, m.Value, InformationCategory.MeetingsAndMinutes)).Select(m => m.Key.ToString("D")).ToHashSet();
                cases++;
                if (appointments is null || !appointments.SetEquals(expectedAppointments))
                {
                    failures.Add($"world {w} FHIR Appointment search of citizen {citizenId} for {user.UserName}: [{string.Join(',', appointments ?? [])}] expected [{string.Join(',', expectedAppointments)}]");
                }

                var communications = await IdsAsync(client, $"/fhir/Communication?patient=Patient/{citizenId}&_count=200");
                var readable = messages.Where(m => m.Value.CitizenId == citizenId && oracle.MaySee(user, m.Value, InformationCategory.Messages)).Select(m => m.Key.ToString("D")).ToHashSet();
                cases++;
                if (communications is null || !messages.Keys.Select(id => id.ToString("D")).Where(communications.Contains).ToHashSet().IsSubsetOf(readable))
                {
                    failures.Add($"world {w} FHIR Communication search of citizen {citizenId} for {user.UserName}: [{string.Join(',', communications ?? [])}] allowed [{string.Join(',', readable)}]");
                }

                var responses = await IdsAsync(client, $"/fhir/QuestionnaireResponse?patient=Patient/{citizenId}&_count=200");
                var allowed = responseCourse.Where(r => r.Value.CitizenId == citizenId && oracle.MaySee(user, r.Value, responseCategory[r.Key])).Select(r => r.Key.ToString("D")).ToHashSet();
                var owed = user.IsStaff ? responseCourse.Where(r => allowed.Contains(r.Key.ToString("D")) && oracle.MaySee(user, r.Value)).Select(r => r.Key.ToString("D")).ToHashSet() : [];
                cases++;
                if (responses is null || !responses.IsSubsetOf(allowed) || !owed.IsSubsetOf(responses))
                {
                    failures.Add($"world {w} FHIR QuestionnaireResponse search of citizen {citizenId} for {user.UserName}: [{string.Join(',', responses ?? [])}] allowed [{string.Join(',', allowed)}]");
                }

                var shownConsents = await IdsAsync(client, $"/fhir/Consent?patient=Patient/{citizenId}&_count=200");
                var visibleConsents = citizenVisible ? oracle.VisibleConsents(user, citizenId).Select(id => id.ToString("D")).ToHashSet() : [];
                cases++;
                if (shownConsents is null || !shownConsents.IsSubsetOf(visibleConsents))
                {
                    failures.Add($"world {w} FHIR Consent search of citizen {citizenId} for {user.UserName}: [{string.Join(',', shownConsents ?? [])}] allowed [{string.Join(',', visibleConsents)}]");
                }

                foreach (var consent in consents.Where(k => k.CitizenId == citizenId))
                {
                    using var answer = await client.GetAsync($"/fhir/Consent/{consent.Id}");
                    var expected = visibleConsents.Contains(consent.Id.ToString("D"));
                    cases++;
                    singleReads++;
                    visible += expected ? 1 : 0;
                    if (answer.StatusCode != (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} FHIR Consent/{consent.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                    }
                }

                // The access log: the citizen (or a proxy in force) their own, the administrator every citizen's, nobody else anything.
                using var log = await client.GetAsync($"/fhir/AuditEvent?patient=Patient/{citizenId}&_count=1");
                var total = log.IsSuccessStatusCode ? (await log.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32() : -1;
                var mayReadLog = user.UserName.EndsWith(".admin", StringComparison.Ordinal) || (oracle.MayActAsCitizen(user) && user.CitizenId == citizenId);
                cases++;
                if (total < 0 || (total > 0) != mayReadLog)
                {
                    failures.Add($"world {w} FHIR AuditEvent search of citizen {citizenId} for {user.UserName}: total {total}, may read the log {mayReadLog}");
                }

            }
        }

        return (cases, singleReads, visible);
    }

    /// <summary>One thread on each course with every account of the world taking part and one message in it: message id → course.</summary>
    private async Task<Dictionary<Guid, Course>> ThreadWithEveryoneAsync(World world, List<Course> worldCourses)
    {
        var messages = new Dictionary<Guid, Course>();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        db.SystemSeeding = true;
        var names = world.Users.Select(u => u.UserName).ToList();
        var accounts = await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToListAsync();
        var moment = new Moment(SamspilFactory.Now, Today);
        foreach (var course in worldCourses)
        {
            var everyone = world.Users.Join(accounts, u => u.UserName, a => a.UserName, (u, a) => new Domain.Conversations.NewParticipant(
                a.Id,
                u.Proxy is not null ? Domain.Conversations.ParticipantKind.Proxy : u.IsCitizen ? Domain.Conversations.ParticipantKind.Citizen : Domain.Conversations.ParticipantKind.Professional,
                u.UserName,
                null)).ToList();
            var thread = Domain.Conversations.Conversation.Start(course.Id, course.CitizenId, "Alle (model)", everyone[0], everyone.Skip(1).ToList(), moment);
            var message = thread.Post(everyone[0].UserId, "Besked (model)", "da", [], new Domain.Conversations.AttachmentLimits(1024, 1), moment);
            db.Conversations.Add(thread);
            messages[message.Id] = course;
        }

        await db.SaveChangesAsync();
        return messages;
    }

    /// <summary>The world courses on whose active network the user holds one of their roles today.</summary>
    private Task<HashSet<Guid>> OnActiveNetworkAsync(OracleUser user, List<Course> worldCourses)
    {
        if (user.ProfessionalId is not { } professionalId)
        {
            return Task.FromResult(new HashSet<Guid>());
        }

        var courseIds = worldCourses.Select(c => c.Id).ToList();
        return factory.WithDbAsync(async db =>
        {
            var roleIds = await db.PractitionerRoles.Where(r => r.ProfessionalId == professionalId).Select(r => r.Id).ToListAsync();
            var members = await db.NetworkMembers.Where(m => courseIds.Contains(m.CourseId) && m.PractitionerRoleId != null && roleIds.Contains(m.PractitionerRoleId.Value)).ToListAsync();
            return members.Where(m => m.IsActiveOn(Today)).Select(m => m.CourseId).ToHashSet();
        });
    }

    /// <summary>The ids of a FHIR search's matches, or null when the search did not answer 200.</summary>
    private static async Task<HashSet<string>?> IdsAsync(HttpClient client, string url)
    {
        using var answer = await client.GetAsync(url);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var bundle = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!).ToHashSet()
            : [];
    }
}
