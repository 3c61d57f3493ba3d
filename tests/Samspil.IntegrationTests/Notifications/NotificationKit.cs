using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests.Notifications;

/// <summary>
/// Notification tests move the clock (leases, back-off, days for digests and deadlines). Every test
/// class now has a test server (and clock) of its own (<c>IClassFixture</c>); these collections are
/// kept only so that tests written against them still build.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotificationSqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "Notifications on SQLite";
}

[CollectionDefinition(Name)]
public sealed class NotificationPostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "Notifications on PostgreSQL";
}

/// <summary>Builders for notification tests: real notices through NotificationService, real processors, real pickup mail.</summary>
internal static class NotificationKit
{
    public static Task<Guid> UserIdAsync(SamspilFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>A new course by behandler.odense (Traumeklinikken Odense, tovholder), optionally with a consent to Jobcenter Odense.</summary>
    public static async Task<(Guid CourseId, Guid CitizenId, string CitizenName)> CourseAsync(SamspilFactory factory, bool consentToJobcentre = false, string givenName = "Notifia")
    {
        using var clinician = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(clinician, givenName: givenName);
        var courseId = course.GetProperty("id").GetGuid();
        if (consentToJobcentre)
        {
            await TestData.RegisterConsentAsync(clinician, courseId, ["StatusAndAppointments", "PlanAndGoals", "MeetingsAndMinutes"], new { kind = "Organization", targetId = await TestData.OrganizationIdAsync(clinician, "Jobcenter Odense") });
        }

        var citizen = course.GetProperty("citizen");
        return (courseId, citizen.GetProperty("id").GetGuid(), givenName + " Demo-Testesen");
    }

    /// <summary>Tells the candidates about the course as Samspil itself would (system scope, one commit); returns the notices created.</summary>
    public static async Task<IReadOnlyList<Notification>> NotifyAsync(
        IServiceProvider services, Guid courseId, NotificationKind kind, InformationCategory category, string key, IReadOnlyCollection<Guid> candidates, string? detail = "Afsnit P1, stue 4")
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId);
        var access = scope.ServiceProvider.GetRequiredService<CitizenDataAccess>();
        var added = await scope.ServiceProvider.GetRequiredService<NotificationService>().NotifyAsync(
            new NotificationDraft(kind, course.Id, course.CitizenId, category, detail, $"/Courses/{course.Id}", key),
            CitizenDataAccess.SubjectOf(course),
            candidates,
            CancellationToken.None);
        await access.Log.CommitAsync(CancellationToken.None);
        return added;
    }

    /// <summary>The outbox messages carrying the e-mail for these notices.</summary>
    public static Task<List<OutboxMessage>> MailsForAsync(SamspilFactory factory, IEnumerable<Notification> notices)
    {
        var keys = notices.Select(n => "notice-mail:" + n.Id.ToString("N")).ToList();
        return factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DeduplicationKey)).ToListAsync());
    }

    public static Task<OutboxMessage> ReloadAsync(SamspilFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    public static OutboxProcessor Processor(IServiceProvider services, IMailSender mail, string instance, TimeProvider time, Action<OutboxOptions>? configure = null)
    {
        var options = new OutboxOptions { BatchSize = 50, LeaseSeconds = 60, BackoffBaseSeconds = 30, BackoffMaxSeconds = 3600, MaxAttempts = 3 };
        configure?.Invoke(options);
        return new OutboxProcessor(services.GetRequiredService<IServiceScopeFactory>(), mail, options, time, NullLogger<OutboxProcessor>.Instance, instance);
    }

    /// <summary>Delivers whatever is already due, so a test starts from an empty queue.</summary>
    public static Task DrainAsync(SamspilFactory factory) =>
        Processor(factory.Services, factory.Services.GetRequiredService<IMailSender>(), "drain", factory.Time).ProcessAllDueAsync(CancellationToken.None);

    /// <summary>The pickup file of the mail for an outbox message (one file per Message-ID).</summary>
    public static string MailFile(SamspilFactory factory, Guid outboxId) =>
        Path.Combine(factory.MailDirectory, PickupDirectoryMailSender.FileNameFor(OutboxDeliveries.MessageIdFor(outboxId, null)));

    /// <summary>A mail's text as a person would read it (headers decoded, body decoded).</summary>
    public static async Task<(string Subject, string To, string Body)> ReadMailAsync(string path)
    {
        var message = await MimeKit.MimeMessage.LoadAsync(path);
        return (message.Subject ?? string.Empty, message.To.ToString(), message.TextBody ?? string.Empty);
    }

    /// <summary>A sign-in account for a citizen (e.g. for "the citizen owns the action").</summary>
    public static async Task<(string UserName, Guid UserId)> CitizenAccountAsync(SamspilFactory factory, Guid citizenId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var name = "borger.notify." + Guid.NewGuid().ToString("N")[..8];
        var user = new AppUser { UserName = name, DisplayName = "Borger (test)", CitizenId = citizenId };
        Assert.True((await users.CreateAsync(user, SamspilFactory.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, SamspilRoles.Citizen);
        return (name, user.Id);
    }

    /// <summary>A change to the plan with If-Match: * (whatever the current version is).</summary>
    public static async Task<JsonElement> PlanChangeAsync(HttpClient client, Guid courseId, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{courseId}/plan{path}") { Content = JsonContent.Create(body, options: SamspilFactory.Json) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A mail sender that counts sends per Message-ID and can stop "the process" after some of them.</summary>
internal sealed class RecordingSender(IMailSender inner) : IMailSender
{
    public ConcurrentDictionary<string, int> Sends { get; } = new(StringComparer.Ordinal);

    /// <summary>Called after each successful send with the number sent so far; may throw to simulate a crash.</summary>
    public Action<int>? AfterSend { get; set; }

    public TimeSpan Delay { get; set; }

    public int Total => Sends.Values.Sum();

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }

        await inner.SendAsync(mail, ct);
        Sends.AddOrUpdate(mail.MessageId ?? "(none)", 1, (_, n) => n + 1);
        AfterSend?.Invoke(Total);
    }
}

/// <summary>A mail server that is down: every send fails the way SMTP failures do.</summary>
internal sealed class FailingSender : IMailSender
{
    public int Calls { get; private set; }

    public Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        Calls++;
        throw new MailDeliveryException(mail.MessageId ?? "?", "ServiceNotAvailable", 421);
    }
}
