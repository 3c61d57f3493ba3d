using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Notifications;

/// <summary>The inbox (API and page), preferences, the daily digest, and hostile input to all of them.</summary>
public abstract class NotificationInboxTests(SamspilFactory factory)
{
    [Fact]
    public async Task The_inbox_shows_the_citizen_only_while_the_reader_may_still_read_it_and_logs_each_notice_shown()
    {
        var (courseId, citizenId, citizenName) = await NotificationKit.CourseAsync(factory, consentToJobcentre: true, givenName: "Inboxa");
        var caseworker = await NotificationKit.UserIdAsync(factory, "sagsbehandler.odense");
        var notice = Assert.Single(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.Admitted, InformationCategory.StatusAndAppointments, $"test:inbox:{courseId:N}", [caseworker]));

        using var client = await factory.ClientForAsync("sagsbehandler.odense");
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32();
        Assert.True(before >= 1);
        var inbox = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?unread=true&pageSize=100", SamspilFactory.Json);
        var item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == notice.Id);
        Assert.True(item.GetProperty("available").GetBoolean());
        Assert.Equal("Admitted", item.GetProperty("kind").GetString());
        Assert.Equal("Borgeren er indlagt", item.GetProperty("text").GetString());
        Assert.Equal(citizenName, item.GetProperty("citizenName").GetString());
        Assert.Equal("Afsnit P1, stue 4", item.GetProperty("detail").GetString());
        Assert.Equal($"/Courses/{courseId}", item.GetProperty("link").GetString());

        // The read is in the citizen's log under the caseworker, on the consent.
        var reads = await factory.WithDbAsync(db => db.AccessLog.AsNoTracking().Where(e => e.ResourceType == "Notification" && e.ResourceId == notice.Id).ToListAsync());
        Assert.Contains(reads, e => e.Action == AccessAction.Notified && e.UserId == caseworker && e.CitizenId == citizenId);
        var read = Assert.Single(reads, e => e.Action == AccessAction.Read);
        Assert.Equal(caseworker, read.UserId);
        Assert.Equal(AccessBasisKind.Consent, read.Basis);

        // The page shows the same.
        using var browser = await factory.CookieClientAsync("sagsbehandler.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Notifications"));
        Assert.Contains(citizenName, page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unread-badge\"", page, StringComparison.Ordinal);
        Task<int> ReadsAsync() => factory.WithDbAsync(db => db.AccessLog.CountAsync(e => e.ResourceType == "Notification" && e.ResourceId == notice.Id && e.Action == AccessAction.Read));
        Assert.Equal(2, await ReadsAsync()); // the API and the page each showed it

        // The citizen withdraws the consent: the notice stays, but says nothing any more, and nothing is logged as read.
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var consents = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/consents", SamspilFactory.Json);
        foreach (var consent in consents.EnumerateArray().Where(c => c.GetProperty("status").GetString() == "Active"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await clinician.PostAsync($"/api/v1/consents/{consent.GetProperty("id").GetGuid()}/revoke", null)).StatusCode);
        }

        inbox = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100", SamspilFactory.Json);
        item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == notice.Id);
        Assert.False(item.GetProperty("available").GetBoolean());
        Assert.Equal("Notifikationen er ikke længere tilgængelig", item.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("kind").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("citizenName").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("detail").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("link").ValueKind);
        Assert.DoesNotContain("Inboxa", inbox.ToString(), StringComparison.Ordinal);
        page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Notifications"));
        Assert.DoesNotContain("Inboxa", page, StringComparison.Ordinal);
        Assert.Contains("Notifikationen er ikke længere tilgængelig", page, StringComparison.Ordinal);
        Assert.Equal(2, await ReadsAsync()); // shown without content: no read of the citizen's data

        // Read state still works on it.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/me/notifications/{notice.Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/me/notifications/{notice.Id}/read", null)).StatusCode);
        Assert.Equal(before - 1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32());
        var marked = await (await client.PostAsync("/api/v1/me/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before - 1, marked.GetProperty("marked").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32());
        Assert.DoesNotContain("data-testid=\"unread-badge\"", await browser.GetStringAsync("/Me/Notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_input_to_the_inbox_and_preferences_gets_problem_details_and_changes_nothing()
    {
        var (courseId, _, _) = await NotificationKit.CourseAsync(factory, givenName: "Fjendta");
        var notice = Assert.Single(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.Discharged, InformationCategory.StatusAndAppointments, $"test:hostile:{courseId:N}", [await NotificationKit.UserIdAsync(factory, "behandler.odense")]));
        using var owner = await factory.ClientForAsync("behandler.odense");
        using var other = await factory.ClientForAsync("socialraadgiver.traume");
        using var anonymous = factory.CreateClient();
        var preferencesBefore = await other.GetFromJsonAsync<JsonElement>("/api/v1/me/notification-preferences");

        foreach (var query in new[] { "page=0", "page=-3", "pageSize=0", "pageSize=101", "page=abc", "pageSize=1e9", "unread=maybe", "page=99999999999" })
        {
            var response = await owner.GetAsync("/api/v1/me/notifications?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var invalid = await (await owner.GetAsync("/api/v1/me/notifications?page=0&pageSize=500")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(invalid.GetProperty("errors").TryGetProperty("page", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("pageSize", out _));

        // Somebody else's notice, an unknown one, a malformed id: not found, and the notice stays unread.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/me/notifications/{notice.Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/v1/me/notifications/{Guid.NewGuid()}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync("/api/v1/me/notifications/not-a-guid/read", null)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Notifications.Where(n => n.Id == notice.Id).Select(n => n.ReadAt).SingleAsync()));
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == notice.Id);

        (string Body, string Field)[] bad =
        [
            ("{}", "emailMode"),
            ("{\"emailMode\":\"Sometimes\"}", string.Empty),
            ("{\"emailMode\":7}", "emailMode"),
            ("{\"emailMode\":\"None\",\"language\":\"xx\"}", "language"),
            ("{\"emailMode\":\"None\",\"language\":\"da\\u0000\"}", "language"),
            ("{\"emailMode\":", string.Empty),
            ("[1,2,3]", string.Empty),
            ("null", string.Empty),
        ];
        foreach (var (body, field) in bad)
        {
            var response = await other.PutAsync("/api/v1/me/notification-preferences", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.TryGetProperty("requestId", out _), body);
            if (field.Length > 0)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
            }
        }

        Assert.Equal(preferencesBefore.ToString(), (await other.GetFromJsonAsync<JsonElement>("/api/v1/me/notification-preferences")).ToString());

        // The page's form with a tampered value shows a Danish message, not an error page.
        using var browser = await factory.CookieClientAsync("socialraadgiver.traume");
        var form = await browser.GetStringAsync("/Me/NotificationSettings");
        var token = SamspilFactory.AntiforgeryToken(form);
        var posted = await browser.PostAsync("/Me/NotificationSettings", new FormUrlEncodedContent(new Dictionary<string, string> { ["emailMode"] = "Weekly", ["language"] = "tlh", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", html, StringComparison.Ordinal);
        Assert.Equal(preferencesBefore.ToString(), (await other.GetFromJsonAsync<JsonElement>("/api/v1/me/notification-preferences")).ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/me/notification-preferences", new { emailMode = "None" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Preferences_decide_the_mail_each_notice_gets_in_the_chosen_language_and_a_digest_comes_once_a_day_even_after_a_restart()
    {
        await NotificationKit.DrainAsync(factory);
        var (courseId, _, _) = await NotificationKit.CourseAsync(factory, givenName: "Praefa");
        const string login = "socialraadgiver.traume"; // Traumeklinikken Odense: may read the clinic's own courses
        var userId = await NotificationKit.UserIdAsync(factory, login);
        var client = await factory.ClientForAsync(login);
        var sender = new RecordingSender(factory.Services.GetRequiredService<IMailSender>());
        var processor = NotificationKit.Processor(factory.Services, sender, "instance-p", factory.Time);
        var n = 0;
        async Task<(Notification Notice, List<OutboxMessage> Mails)> NoticeAsync()
        {
            var notice = Assert.Single(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.TreatmentStarted, InformationCategory.StatusAndAppointments, $"test:pref:{courseId:N}:{n++}", [userId]));
            return (notice, await NotificationKit.MailsForAsync(factory, [notice]));
        }

        async Task SetAsync(object body) => Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/me/notification-preferences", body, SamspilFactory.Json)).StatusCode);

        try
        {
            // Default: a mail for each notice, in Danish.
            var (_, mails) = await NoticeAsync();
            var mail = Assert.Single(mails);
            await processor.ProcessAllDueAsync(CancellationToken.None);
            Assert.Equal("Ny notifikation i Samspil", (await NotificationKit.ReadMailAsync(NotificationKit.MailFile(factory, mail.Id))).Subject);

            // In the inbox only: no mail at all.
            await SetAsync(new { emailMode = "None" });
            Assert.Empty((await NoticeAsync()).Mails);

            // Immediate in English.
            await SetAsync(new { emailMode = "Immediate", language = "en" });
            var preferences = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notification-preferences");
            Assert.Equal("Immediate", preferences.GetProperty("emailMode").GetString());
            Assert.Equal("en", preferences.GetProperty("language").GetString());
            Assert.True(preferences.GetProperty("inApp").GetBoolean());
            (_, mails) = await NoticeAsync();
            mail = Assert.Single(mails);

            // Changing one's mind before the worker gets to it: the queued mail is not sent.
            await SetAsync(new { emailMode = "DailyDigest", language = "en" });
            var sentBefore = sender.Total;
            await processor.ProcessAllDueAsync(CancellationToken.None);
            Assert.Equal(sentBefore, sender.Total);
            Assert.NotNull((await NotificationKit.ReloadAsync(factory, mail.Id)).DeliveredAt);
            Assert.False(File.Exists(NotificationKit.MailFile(factory, mail.Id)));

            // Daily digest: no mail per notice; one a day with the number unread, from the digest hour.
            Assert.Empty((await NoticeAsync()).Mails);
            await client.PostAsync("/api/v1/me/notifications/read-all", null);
            await NoticeAsync();
            await NoticeAsync();
            var today = DateOnly.FromDateTime(Samspil.Infrastructure.Time.CopenhagenTime.ToLocal(factory.Time.GetUtcNow()).DateTime);
            await RunDigestAsync();
            var digest = await DigestAsync(userId, today);
            Assert.NotNull(digest);
            await processor.ProcessAllDueAsync(CancellationToken.None);
            var (subject, to, body) = await NotificationKit.ReadMailAsync(NotificationKit.MailFile(factory, digest.Id));
            Assert.Equal("Your notifications in Samspil", subject);
            Assert.Contains("You have 2 unread notifications in Samspil.", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Praefa", subject + to + body, StringComparison.Ordinal);

            // Run again, and again after a "restart" (new scopes, new processor): still one today.
            await RunDigestAsync();
            await RunDigestAsync();
            Assert.Equal(1, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic == OutboxTopics.DigestMail && m.DeduplicationKey.StartsWith("digest:" + userId.ToString("N")))));

            // The next day after the digest hour: one more; nothing unread the day after: none.
            factory.Advance(TimeSpan.FromDays(1));
            await RunDigestAsync();
            Assert.NotNull(await DigestAsync(userId, today.AddDays(1)));
            client.Dispose();
            client = await factory.ClientForAsync(login);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/me/notifications/read-all", null)).StatusCode);
            factory.Advance(TimeSpan.FromDays(1));
            await RunDigestAsync();
            Assert.Null(await DigestAsync(userId, today.AddDays(2)));
            await processor.ProcessAllDueAsync(CancellationToken.None);
        }
        finally
        {
            client.Dispose();
            client = await factory.ClientForAsync(login);
            await SetAsync(new { emailMode = "Immediate" });
            client.Dispose();
        }
    }

    private async Task RunDigestAsync()
    {
        await using var scope = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);
    }

    private Task<OutboxMessage?> DigestAsync(Guid userId, DateOnly day)
    {
        var key = $"digest:{userId:N}:{NotificationKit.Day(day)}";
        return factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.DeduplicationKey == key));
    }

    [Fact]
    public async Task The_inbox_groups_notices_by_course_and_kind_and_a_group_is_marked_read_at_once_while_hostile_keys_get_problem_details()
    {
        var (courseId, _, citizenName) = await NotificationKit.CourseAsync(factory, givenName: "Gruppa");
        var owner = await NotificationKit.UserIdAsync(factory, "behandler.odense");
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.NewMessage, InformationCategory.StatusAndAppointments, $"test:group:{courseId:N}:{i}", [owner], detail: null));
        }

        Assert.Single(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.ActionOverdue, InformationCategory.StatusAndAppointments, $"test:group:{courseId:N}:overdue", [owner]));
        using var client = await factory.ClientForAsync("behandler.odense");
        var messagesKey = $"NewMessage:course:{courseId:D}";
        var admittedKey = $"ActionOverdue:course:{courseId:D}";

        var grouped = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/grouped?unread=true", SamspilFactory.Json);
        var groups = grouped.GetProperty("groups").EnumerateArray().ToList();
        var messages = groups.Single(g => g.GetProperty("key").GetString() == messagesKey);
        Assert.Equal(3, messages.GetProperty("count").GetInt32());
        Assert.Equal(3, messages.GetProperty("unread").GetInt32());
        Assert.Equal(citizenName, messages.GetProperty("citizenName").GetString());
        Assert.Equal(3, messages.GetProperty("items").GetArrayLength());
        Assert.Equal(1, groups.Single(g => g.GetProperty("key").GetString() == admittedKey).GetProperty("count").GetInt32());
        var latest = groups.Select(g => g.GetProperty("latestAt").GetDateTimeOffset()).ToList();
        Assert.Equal(latest.OrderByDescending(d => d).ToList(), latest); // newest group first

        // The page shows the groups, each expandable, with labelled dates.
        using var browser = await factory.CookieClientAsync("behandler.odense");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Me/Notifications"));
        Assert.Contains($"data-group-key=\"{messagesKey}\"", page, StringComparison.Ordinal);
        Assert.Contains("3 notifikationer", page, StringComparison.Ordinal);
        Assert.Contains("Modtaget <time", page, StringComparison.Ordinal);
        Assert.Contains("<details>", page, StringComparison.Ordinal);

        // Someone else marking the same key changes none of the owner's notices.
        using var other = await factory.ClientForAsync("socialraadgiver.traume");
        var foreign = await (await other.PostAsJsonAsync("/api/v1/me/notifications/groups/read", new { key = messagesKey })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, foreign.GetProperty("marked").GetInt32());

        var marked = await (await client.PostAsJsonAsync("/api/v1/me/notifications/groups/read", new { key = messagesKey })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, marked.GetProperty("marked").GetInt32());
        var again = await (await client.PostAsJsonAsync("/api/v1/me/notifications/groups/read", new { key = messagesKey })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("marked").GetInt32());
        grouped = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/grouped?unread=true", SamspilFactory.Json);
        Assert.DoesNotContain(grouped.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == messagesKey);
        Assert.Contains(grouped.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == admittedKey);

        // Hostile keys and pages: problem details, nothing marked.
        var hostile = new[] { "", "   ", "99", "Bogus", "unavailable:x", "NewMessage:course:not-a-guid", "NewMessage:course", $"NewMessage:course:{courseId:D}:x", $"NewMessage:plan:{courseId:D}", "<script>alert(1)</script>", new string('A', 300), "newmessage:course:" + courseId.ToString("D"), "Admitted\u0000" };
        foreach (var key in hostile)
        {
            var response = await client.PostAsJsonAsync("/api/v1/me/notifications/groups/read", new { key });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("key", out _), key);
        }

        foreach (var body in new[] { "{}", "{\"key\": 5}", "{\"key\":", "[]", "null" })
        {
            var response = await client.PostAsync("/api/v1/me/notifications/groups/read", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        foreach (var query in new[] { "page=0", "pageSize=101", "page=abc", "unread=maybe" })
        {
            var response = await client.GetAsync("/api/v1/me/notifications/grouped?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/grouped?unread=true", SamspilFactory.Json))
            .GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == admittedKey).GetProperty("unread").GetInt32());

        // The page's group form: a tampered key shows a message; the real one marks the group read.
        var token = SamspilFactory.AntiforgeryToken(page);
        var tampered = await browser.PostAsync("/Me/Notifications?handler=ReadGroup", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "Bogus:x", ["__RequestVerificationToken"] = token }));
        Assert.True(tampered.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, tampered.StatusCode.ToString());
        var posted = await browser.PostAsync("/Me/Notifications?handler=ReadGroup", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = admittedKey, ["__RequestVerificationToken"] = token }));
        Assert.True((int)posted.StatusCode < 400, posted.StatusCode.ToString());
        Assert.DoesNotContain((await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/grouped?unread=true", SamspilFactory.Json)).GetProperty("groups").EnumerateArray(),
            g => g.GetProperty("key").GetString() == admittedKey);
    }
}

public sealed class NotificationInboxTestsOnSqlite(SqliteFactory factory) : NotificationInboxTests(factory), IClassFixture<SqliteFactory>;

public sealed class NotificationInboxTestsOnPostgres(PostgresFactory factory) : NotificationInboxTests(factory), IClassFixture<PostgresFactory>;
