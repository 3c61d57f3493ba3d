using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Notifications;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Notifications;

/// <summary>
/// The durable outbox: at-least-once delivery that survives a crash (one mail per Message-ID however
/// often it is sent), retries with back-off, gives up visibly to administrators, and wakes within
/// moments of a commit.
/// </summary>
public abstract class OutboxDeliveryTests(SamspilFactory factory)
{
    private static readonly string[] Recipients = ["behandler.odense", "sagsbehandler.odense", "ips.odense"];

    [Fact]
    public async Task A_worker_killed_mid_batch_loses_and_doubles_no_notice_mail_after_another_takes_over_when_the_lease_ends()
    {
        await NotificationKit.DrainAsync(factory);
        var (courseId, _, citizenName) = await NotificationKit.CourseAsync(factory, consentToJobcentre: true, givenName: "Restarta");
        var candidates = new List<Guid>();
        foreach (var name in Recipients)
        {
            candidates.Add(await NotificationKit.UserIdAsync(factory, name));
        }

        var notices = new List<Notification>();
        for (var i = 0; i < 5; i++)
        {
            notices.AddRange(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.Admitted, InformationCategory.StatusAndAppointments, $"test:restart:{courseId:N}:{i}", candidates));
        }

        Assert.Equal(15, notices.Count); // three people may know, five events
        var mails = await NotificationKit.MailsForAsync(factory, notices);
        Assert.Equal(15, mails.Count);

        // Instance A claims everything, sends six mails, and dies right after the sixth — before it could record it.
        using var killed = new CancellationTokenSource();
        var first = new RecordingSender(factory.Services.GetRequiredService<IMailSender>())
        {
            AfterSend = sent =>
            {
                if (sent == 6)
                {
                    killed.Cancel();
                    killed.Token.ThrowIfCancellationRequested();
                }
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NotificationKit.Processor(factory.Services, first, "instance-a", factory.Time).ProcessBatchAsync(killed.Token));
        Assert.Equal(6, first.Total);
        var afterCrash = await Task.WhenAll(mails.Select(m => NotificationKit.ReloadAsync(factory, m.Id)));
        Assert.Equal(5, afterCrash.Count(m => m.DeliveredAt is not null));
        Assert.All(afterCrash.Where(m => m.DeliveredAt is null), m => Assert.Equal("instance-a", m.LockedBy));

        // Instance B starts: while A's lease holds, it takes nothing of A's.
        var second = new RecordingSender(factory.Services.GetRequiredService<IMailSender>());
        var b = NotificationKit.Processor(factory.Services, second, "instance-b", factory.Time);
        await b.ProcessAllDueAsync(CancellationToken.None);
        Assert.Equal(0, second.Total);

        // The lease ends: B delivers the rest, including the one A sent but never recorded.
        factory.Advance(TimeSpan.FromSeconds(61));
        await b.ProcessAllDueAsync(CancellationToken.None);
        Assert.Equal(10, second.Total);

        var final = await Task.WhenAll(mails.Select(m => NotificationKit.ReloadAsync(factory, m.Id)));
        Assert.All(final, m => Assert.NotNull(m.DeliveredAt));
        Assert.All(final, m => Assert.Null(m.LockedBy));

        // Sent at least once; the one in flight at the crash twice, with the same Message-ID.
        var sends = mails.ToDictionary(m => m.Id, m => first.Sends.GetValueOrDefault(OutboxDeliveries.MessageIdFor(m.Id, null)) + second.Sends.GetValueOrDefault(OutboxDeliveries.MessageIdFor(m.Id, null)));
        Assert.All(sends.Values, n => Assert.InRange(n, 1, 2));
        Assert.Equal(1, sends.Values.Count(n => n == 2));

        // Delivered exactly once per Message-ID: one mail file for every notice, no more.
        foreach (var mail in mails)
        {
            Assert.True(File.Exists(NotificationKit.MailFile(factory, mail.Id)), $"no mail for outbox message {mail.Id}");
        }

        var files = mails.Select(m => NotificationKit.MailFile(factory, m.Id)).Distinct().ToList();
        Assert.Equal(15, files.Count);

        // The mail says only that there is something new: no citizen, no detail.
        foreach (var file in files)
        {
            var (subject, to, body) = await NotificationKit.ReadMailAsync(file);
            Assert.Equal("Ny notifikation i Samspil", subject);
            Assert.Contains("Du har en ny besked i Samspil.", body, StringComparison.Ordinal);
            Assert.Contains("/Me/Notifications", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Restarta", subject + to + body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(citizenName, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Afsnit P1", body, StringComparison.Ordinal);
            Assert.DoesNotContain(courseId.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("@demo.samspil.invalid", to, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failing_mail_server_is_retried_with_back_off_given_up_after_the_last_attempt_shown_to_administrators_only_and_retried_on_request()
    {
        await NotificationKit.DrainAsync(factory);
        var (courseId, _, _) = await NotificationKit.CourseAsync(factory, givenName: "Retria");
        var notices = await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.Discharged, InformationCategory.StatusAndAppointments, $"test:retry:{courseId:N}", [await NotificationKit.UserIdAsync(factory, "behandler.odense")]);
        var mail = Assert.Single(await NotificationKit.MailsForAsync(factory, notices));

        var down = new FailingSender();
        var processor = NotificationKit.Processor(factory.Services, down, "instance-r", factory.Time, o => o.MaxAttempts = 2);
        await processor.ProcessAllDueAsync(CancellationToken.None);
        var failed = await NotificationKit.ReloadAsync(factory, mail.Id);
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.DeliveredAt);
        Assert.Null(failed.GaveUpAt);
        Assert.Null(failed.LockedBy);
        Assert.StartsWith("MailDeliveryException: ", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("421", failed.LastError, StringComparison.Ordinal);
        var wait = failed.DueAt - factory.Time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(24), TimeSpan.FromSeconds(36)); // 30 s ± 20 % jitter

        // Not before its time.
        await processor.ProcessAllDueAsync(CancellationToken.None);
        Assert.Equal(1, down.Calls);

        var admin = await factory.ClientForAsync("admin.region");
        using var professional = await factory.ClientForAsync("behandler.odense");
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/deliveries", SamspilFactory.Json);
        var row = listed.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == mail.Id);
        Assert.Equal("notice-mail", row.GetProperty("topic").GetString());
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("gaveUpAt").ValueKind);
        Assert.DoesNotContain("payload", row.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(notices[0].Id.ToString(), row.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync("/api/v1/admin/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.PostAsync($"/api/v1/admin/deliveries/{mail.Id}/retry", null)).StatusCode);

        // The second attempt, after the back-off, is the last: given up.
        factory.Advance(TimeSpan.FromSeconds(37));
        await processor.ProcessAllDueAsync(CancellationToken.None);
        var gaveUp = await NotificationKit.ReloadAsync(factory, mail.Id);
        Assert.Equal(2, gaveUp.Attempts);
        Assert.NotNull(gaveUp.GaveUpAt);
        factory.Advance(TimeSpan.FromHours(2));
        await processor.ProcessAllDueAsync(CancellationToken.None);
        Assert.Equal(2, down.Calls);
        admin.Dispose();
        admin = await factory.ClientForAsync("admin.region"); // a fresh sign-in two hours later

        listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/deliveries", SamspilFactory.Json);
        Assert.NotEqual(JsonValueKind.Null, listed.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == mail.Id).GetProperty("gaveUpAt").ValueKind);

        // The administrator's page shows it too, without content; a professional is turned away.
        var page = WebUtility.HtmlDecode(await (await admin.GetAsync("/Admin/Deliveries")).Content.ReadAsStringAsync());
        Assert.Contains("notice-mail", page, StringComparison.Ordinal);
        Assert.Contains("Opgivet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Retria", page, StringComparison.Ordinal);

        // "Prøv igen": due now, delivered by a working server, gone from the list.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/deliveries/{Guid.NewGuid()}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/deliveries/{mail.Id}/retry", null)).StatusCode);
        var working = new RecordingSender(factory.Services.GetRequiredService<IMailSender>());
        await NotificationKit.Processor(factory.Services, working, "instance-r2", factory.Time).ProcessAllDueAsync(CancellationToken.None);
        Assert.Equal(1, working.Total);
        Assert.NotNull((await NotificationKit.ReloadAsync(factory, mail.Id)).DeliveredAt);
        listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/deliveries", SamspilFactory.Json);
        Assert.DoesNotContain(listed.EnumerateArray(), d => d.GetProperty("id").GetGuid() == mail.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/deliveries/{mail.Id}/retry", null)).StatusCode); // delivered: nothing to retry
        admin.Dispose();
    }

    [Fact]
    public async Task The_background_worker_sends_a_new_notice_within_seconds_of_the_commit()
    {
        await NotificationKit.DrainAsync(factory);
        var (courseId, _, _) = await NotificationKit.CourseAsync(factory, givenName: "Vaekka");
        var userId = await NotificationKit.UserIdAsync(factory, "behandler.odense");

        // A second instance with the worker on; its poll never comes (the clock is fake), so only the wake-up can send.
        await using var withWorker = factory.WithWebHostBuilder(b => b.UseSetting("Notifications:Outbox:Enabled", "true").UseSetting("Notifications:Outbox:InstanceId", "worker-host"));
        _ = withWorker.Server;
        var started = DateTime.UtcNow;
        var notices = await NotificationKit.NotifyAsync(withWorker.Services, courseId, NotificationKind.Admitted, InformationCategory.StatusAndAppointments, $"test:wake:{courseId:N}", [userId]);
        var mail = Assert.Single(await NotificationKit.MailsForAsync(factory, notices));
        var file = NotificationKit.MailFile(factory, mail.Id);
        while (!File.Exists(file) && DateTime.UtcNow - started < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(file), "the worker did not send the notice mail within 10 seconds");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), $"took {DateTime.UtcNow - started}");
        var delivered = await NotificationKit.ReloadAsync(factory, mail.Id);
        for (var i = 0; i < 40 && delivered.DeliveredAt is null; i++)
        {
            await Task.Delay(50);
            delivered = await NotificationKit.ReloadAsync(factory, mail.Id);
        }

        Assert.NotNull(delivered.DeliveredAt);
    }
}

public sealed class OutboxDeliveryTestsOnSqlite(SqliteFactory factory) : OutboxDeliveryTests(factory), IClassFixture<SqliteFactory>;

public sealed class OutboxDeliveryTestsOnPostgres(PostgresFactory factory) : OutboxDeliveryTests(factory), IClassFixture<PostgresFactory>
{
    /// <summary>
    /// Two app instances on one PostgreSQL, each with its own processor and connection pool, racing over
    /// hundreds of messages: SKIP LOCKED claims give every message to exactly one of them.
    /// </summary>
    [Fact]
    public async Task Two_instances_on_one_database_deliver_hundreds_of_notices_each_exactly_once()
    {
        await NotificationKit.DrainAsync(factory);
        var (courseId, _, _) = await NotificationKit.CourseAsync(factory, consentToJobcentre: true, givenName: "Tvilla");
        var candidates = new List<Guid> { await NotificationKit.UserIdAsync(factory, "sagsbehandler.odense"), await NotificationKit.UserIdAsync(factory, "ips.odense") };
        var notices = new List<Notification>();
        for (var i = 0; i < 150; i++)
        {
            notices.AddRange(await NotificationKit.NotifyAsync(factory.Services, courseId, NotificationKind.Admitted, InformationCategory.StatusAndAppointments, $"test:two:{courseId:N}:{i}", candidates));
        }

        var mails = await NotificationKit.MailsForAsync(factory, notices);
        Assert.Equal(300, mails.Count);

        await using var other = factory.WithWebHostBuilder(b => b.UseSetting("Notifications:Outbox:InstanceId", "instance-2"));
        _ = other.Server;
        var senderA = new RecordingSender(factory.Services.GetRequiredService<IMailSender>()) { Delay = TimeSpan.FromMilliseconds(2) };
        var senderB = new RecordingSender(other.Services.GetRequiredService<IMailSender>()) { Delay = TimeSpan.FromMilliseconds(2) };
        var a = NotificationKit.Processor(factory.Services, senderA, "instance-1", factory.Time, o => o.BatchSize = 10);
        var b = NotificationKit.Processor(other.Services, senderB, "instance-2", factory.Time, o => o.BatchSize = 10);
        await Task.WhenAll(Task.Run(() => a.ProcessAllDueAsync(CancellationToken.None)), Task.Run(() => b.ProcessAllDueAsync(CancellationToken.None)));

        foreach (var mail in mails)
        {
            var id = OutboxDeliveries.MessageIdFor(mail.Id, null);
            Assert.Equal(1, senderA.Sends.GetValueOrDefault(id) + senderB.Sends.GetValueOrDefault(id));
            Assert.True(File.Exists(NotificationKit.MailFile(factory, mail.Id)));
        }

        Assert.Equal(300, senderA.Total + senderB.Total);
        Assert.True(senderA.Total > 0 && senderB.Total > 0, $"one instance did all the work ({senderA.Total}/{senderB.Total})");
        var ids = mails.Select(m => m.Id).ToList();
        Assert.Equal(300, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.DeliveredAt != null && m.Attempts == 1)));
    }
}
