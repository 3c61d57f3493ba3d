using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Domain.Notifications;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Notifications;

/// <summary>
/// Each reminder fires once, for the right person, and never for someone who may not read what it is
/// about: overdue actions (owner, or the citizen), agenda and minutes deadlines (tovholder), consent
/// expiring (citizen and tovholder), task force due, no contact between region and municipality.
/// </summary>
public abstract class ReminderTests(SamspilFactory factory)
{
    [Fact]
    public async Task Each_reminder_fires_once_for_the_right_person_and_never_for_someone_without_access()
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var today = DateOnly.FromDateTime(Samspil.Infrastructure.Time.CopenhagenTime.ToLocal(factory.Time.GetUtcNow()).DateTime);
        var now = factory.Time.GetUtcNow();
        var mette = await NotificationKit.UserIdAsync(factory, "behandler.odense");
        var caseworker = await NotificationKit.UserIdAsync(factory, "sagsbehandler.odense");

        // Course 1: a task-force target group, started 100 days ago; the caseworker joins without any consent.
        var request = await TestData.CourseRequestAsync(clinician, givenName: "Remindra");
        request["targetGroupCode"] = "complex-rehabilitation";
        request["startDate"] = NotificationKit.Day(today.AddDays(-100));
        request["citizenAgreement"] = new Dictionary<string, object?> { ["agreedOn"] = NotificationKit.Day(today.AddDays(-100)), ["method"] = "InPerson" };
        var created = await clinician.PostAsJsonAsync("/api/v1/courses", request, SamspilFactory.Json);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var course = await created.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var courseId = course.GetProperty("id").GetGuid();
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var metteMember = course.GetProperty("network")[0].GetProperty("id").GetGuid();
        var added = await clinician.PostAsJsonAsync($"/api/v1/courses/{courseId}/network", new
        {
            kind = "Professional",
            practitionerRoleId = await CaseworkerRoleAsync(clinician),
            role = "Other",
            activeFrom = NotificationKit.Day(today),
            citizenAgreement = new { agreedOn = NotificationKit.Day(today), method = "Phone" },
        }, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var caseworkerMember = (await added.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();
        var (citizenLogin, citizenUser) = await NotificationKit.CitizenAccountAsync(factory, citizenId);

        // Three overdue actions: the tovholder's, the caseworker's (who may not read the plan), the citizen's.
        await NotificationKit.PlanChangeAsync(clinician, courseId, "/actions", new { text = "Ringe til egen læge om medicin", ownerMemberId = metteMember, dueDate = NotificationKit.Day(today.AddDays(-2)) });
        await NotificationKit.PlanChangeAsync(clinician, courseId, "/actions", new { text = "Afklare sygedagpenge", ownerMemberId = caseworkerMember, dueDate = NotificationKit.Day(today.AddDays(-1)) });
        await NotificationKit.PlanChangeAsync(clinician, courseId, "/actions", new { text = "Skrive dagbog om søvn", ownerIsCitizen = true, dueDate = NotificationKit.Day(today.AddDays(-1)) });

        // A meeting tomorrow whose agenda is late, and one held just now with both sectors (so there has been contact).
        var upcoming = await MeetingAsync(clinician, courseId, "Netværksmøde om bolig", now.AddDays(1), held: false);
        var held = await MeetingAsync(clinician, courseId, "Netværksmøde om job", now.AddHours(-2), held: true);

        // Course 2: started 60 days ago, no meeting ever; a consent that runs out in ten days.
        var request2 = await TestData.CourseRequestAsync(clinician, givenName: "Stilla");
        request2["startDate"] = NotificationKit.Day(today.AddDays(-60));
        request2["citizenAgreement"] = new Dictionary<string, object?> { ["agreedOn"] = NotificationKit.Day(today.AddDays(-60)), ["method"] = "InPerson" };
        var course2 = await (await clinician.PostAsJsonAsync("/api/v1/courses", request2, SamspilFactory.Json)).Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
        var course2Id = course2.GetProperty("id").GetGuid();
        var citizen2 = course2.GetProperty("citizen").GetProperty("id").GetGuid();
        var (_, citizen2User) = await NotificationKit.CitizenAccountAsync(factory, citizen2);
        await RegisterConsentAsync(clinician, course2Id, today.AddDays(-300), today.AddDays(10));

        var firstRun = await RunAsync();
        Assert.True(firstRun.Values.Sum() > 0);
        var notices = await NoticesAsync(courseId, course2Id);
        string[] expected =
        [
            $"{NotificationKind.ActionOverdue}:{mette}:{courseId}",
            $"{NotificationKind.ActionOverdue}:{citizenUser}:{courseId}",
            $"{NotificationKind.AgendaDue}:{mette}:{courseId}",
            $"{NotificationKind.TaskForceMeetingDue}:{mette}:{courseId}",
            // The held network meeting sends the collaboration questionnaire (issue 19) to the network members the consent covers: not the caseworker.
            $"{NotificationKind.CollaborationQuestionnaire}:{mette}:{courseId}",
            $"{NotificationKind.ConsentExpiring}:{citizen2User}:{course2Id}",
            $"{NotificationKind.ConsentExpiring}:{mette}:{course2Id}",
            $"{NotificationKind.NoContact}:{mette}:{course2Id}",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), notices.Select(Describe).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(notices, n => n.RecipientUserId == caseworker); // on the network, but no consent: not told
        Assert.Equal("/Me/Plan", notices.Single(n => n.RecipientUserId == citizenUser).Link);
        Assert.Equal($"/Meetings/{upcoming}", notices.Single(n => n.Kind == NotificationKind.AgendaDue).Link);
        Assert.StartsWith("Ringe til egen læge om medicin · ", notices.Single(n => n.Kind == NotificationKind.ActionOverdue && n.RecipientUserId == mette).Detail, StringComparison.Ordinal);

        // Each notice is in the citizen's log under its recipient.
        var ids = notices.Select(n => (Guid?)n.Id).ToList();
        var logged = await factory.WithDbAsync(db => db.AccessLog.AsNoTracking().Where(e => e.Action == AccessAction.Notified && ids.Contains(e.ResourceId)).ToListAsync());
        Assert.Equal(notices.Count, logged.Count);
        Assert.All(notices, n => Assert.Contains(logged, e => e.ResourceId == n.Id && e.UserId == n.RecipientUserId));

        // The citizen sees theirs in the inbox.
        using var citizenClient = await factory.ClientForAsync(citizenLogin);
        var inbox = await citizenClient.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications", SamspilFactory.Json);
        var mine = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal("تأخّر إجراء في الخطة عن موعده", mine.GetProperty("text").GetString()); // her recorded language is Arabic (issue 15)
        Assert.Equal("Remindra Demo-Testesen", mine.GetProperty("citizenName").GetString());

        // Running again changes nothing: once per item and period.
        await RunAsync();
        Assert.Equal(notices.Count, (await NoticesAsync(courseId, course2Id)).Count);

        // Consent to the job centre for the plan: the caseworker's overdue action now reaches them, once.
        await RegisterConsentAsync(clinician, courseId, today, today.AddDays(200), "Jobcenter Odense");
        await RunAsync();
        await RunAsync();
        var now2 = await NoticesAsync(courseId, course2Id);
        Assert.Single(now2, n => n.RecipientUserId == caseworker && n.Kind == NotificationKind.ActionOverdue);
        Assert.Equal(notices.Count + 1, now2.Count);

        // Three days on, the held meeting's minutes are past their deadline: the tovholder is told once.
        factory.Advance(TimeSpan.FromDays(3));
        await RunAsync();
        await RunAsync();
        var later = await NoticesAsync(courseId, course2Id);
        var minutes = Assert.Single(later, n => n.Kind == NotificationKind.MinutesDue);
        Assert.Equal(mette, minutes.RecipientUserId);
        Assert.Equal($"/Meetings/{held}", minutes.Link);
        Assert.DoesNotContain(later, n => n.Kind == NotificationKind.NoContact && n.CourseId == courseId);
    }

    private async Task<IReadOnlyDictionary<NotificationKind, int>> RunAsync()
    {
        await using var scope = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private Task<List<Notification>> NoticesAsync(params Guid[] courseIds) =>
        factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.CourseId != null && courseIds.Contains(n.CourseId.Value)).ToListAsync());

    private static string Describe(Notification n) => $"{n.Kind}:{n.RecipientUserId}:{n.CourseId}";

    private static async Task<Guid> CaseworkerRoleAsync(HttpClient client)
    {
        var jobcentre = await TestData.OrganizationIdAsync(client, "Jobcenter Odense");
        var roles = await client.GetFromJsonAsync<JsonElement>($"/api/v1/practitioner-roles?organizationId={jobcentre}", SamspilFactory.Json);
        return roles.EnumerateArray().First(r => r.GetProperty("title").GetString()!.StartsWith("Sagsbehandler", StringComparison.Ordinal)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> MeetingAsync(HttpClient client, Guid courseId, string title, DateTimeOffset start, bool held)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/meetings", new { kind = "Network", title, format = "InPerson" }, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("id").GetGuid();
        var scheduled = await client.PostAsJsonAsync($"/api/v1/meetings/{id}/schedule", new { start, end = start.AddHours(1), format = "InPerson", location = "Jobcenter Odense" }, SamspilFactory.Json);
        Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());
        if (held)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/meetings/{id}/held", null)).StatusCode);
        }

        return id;
    }

    private static async Task RegisterConsentAsync(HttpClient client, Guid courseId, DateOnly from, DateOnly to, string organization = "Jobcenter Odense")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestData.Pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "samtykke.pdf");
        var upload = await client.PostAsync($"/api/v1/courses/{courseId}/consent-documents", form);
        var documentId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
        var response = await client.PostAsJsonAsync($"/api/v1/courses/{courseId}/consents", new
        {
            recipients = new[] { new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(client, organization) } },
            categories = new[] { "StatusAndAppointments", "PlanAndGoals", "MeetingsAndMinutes" },
            purpose = "Koordinering",
            validFrom = NotificationKit.Day(from),
            validTo = NotificationKit.Day(to),
            documentId,
        }, SamspilFactory.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

public sealed class ReminderTestsOnSqlite(SqliteFactory factory) : ReminderTests(factory), IClassFixture<SqliteFactory>;

public sealed class ReminderTestsOnPostgres(PostgresFactory factory) : ReminderTests(factory), IClassFixture<PostgresFactory>;
