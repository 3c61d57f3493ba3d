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
/// (and, for a reader of the course, everything it allows). Communication is left to FhirCommunicationTests: a thread is
/// read by its participants only, which the model does not describe.
/// </summary>
public abstract partial class ModelBasedAccessTests
{
    private async Task<(int Cases, int SingleReads)> FhirPathsLeakNothingAsync(
        int w, World world, Dictionary<string, HttpClient> clients, VisibilityOracle oracle, List<Course> allCourses, List<Course> worldCourses,
        Dictionary<Guid, HashSet<Guid>> questionnaireResponses, List<string> failures)
    {
        var cases = 0;
        var singleReads = 0;

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
                if (answer.StatusCode != (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound)
                    || (expected && !(await answer.Content.ReadAsStringAsync()).Contains($"EpisodeOfCare/{course.Id}", StringComparison.Ordinal)))
                {
                    failures.Add($"world {w} FHIR Appointment/{meetingId} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                }
            }

            foreach (var (responseId, course) in responseCourse)
            {
                using var answer = await client.GetAsync($"/fhir/QuestionnaireResponse/{responseId}");
                var expected = oracle.MaySee(user, course, responseCategory[responseId]);
                cases++;
                singleReads++;
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

        return (cases, singleReads);
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
