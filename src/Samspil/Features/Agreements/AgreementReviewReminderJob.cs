using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Agreements;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Agreements;

/// <summary>
/// "Aftalen skal genbesøges": <see cref="AgreementOptions.ReviewReminderDays"/> days before an agreement's next review (or
/// once it has passed), each administrator of a party organisation — or of an organisation above it, who administers it
/// too — gets a notice in Samspil (and the content-free e-mail of their choice). The notice is about no citizen, so it
/// does not pass the access policy; the deduplication key (agreement, version, review date) makes it fire once however
/// often the job runs, and again only when the agreement gets a new version or review date.
/// </summary>
public sealed partial class AgreementReviewReminderJob(
    SamspilDbContext db,
    CitizenDataAccess access,
    TimeProvider time,
    IOptions<AgreementOptions> options,
    ILogger<AgreementReviewReminderJob> logger)
{
    private const int DetailTitleLength = 150;

    /// <summary>Creates the reminders due now; returns how many notices were created.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!access.User.IsSystem)
        {
            throw new InvalidOperationException("Reminders run in a system scope.");
        }

        var today = CopenhagenTime.Today(time);
        var horizon = today.AddDays(options.Value.ReviewReminderDays);
        var due = (await db.Set<CollaborationAgreement>().AsNoTracking()
                .Where(a => !a.IsDraft && a.NextReviewOn != null && a.NextReviewOn <= horizon)
                .ToListAsync(cancellationToken))
            .Where(a => a.ReviewDue(today, options.Value.ReviewReminderDays))
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var parents = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId }).ToDictionaryAsync(o => o.Id, o => o.PartOfId, cancellationToken);
        var administrators = await AdministratorsAsync(cancellationToken);
        var created = 0;
        foreach (var agreement in due)
        {
            var organizations = agreement.Terms.Parties.SelectMany(p => AncestorsAndSelf(p.OrganizationId, parents)).ToHashSet();
            var recipients = administrators.Where(a => organizations.Contains(a.OrganizationId)).Select(a => a.UserId).Distinct().ToList();
            var key = string.Create(CultureInfo.InvariantCulture, $"agreement-review:{agreement.Id:N}:{agreement.Version}:{agreement.NextReviewOn:yyyy-MM-dd}");
            created += await NotifyAsync(agreement, recipients, key, cancellationToken);
        }

        LogRun(logger, created);
        return created;
    }

    private async Task<int> NotifyAsync(CollaborationAgreement agreement, IReadOnlyList<Guid> recipients, string key, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return 0;
        }

        var told = await access.AlreadyNotifiedAsync(recipients, key, cancellationToken);
        var fresh = recipients.Where(r => !told.Contains(r)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var emailModes = await db.NotificationPreferences.AsNoTracking()
            .Where(p => fresh.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.EmailMode, cancellationToken);
        var now = time.GetUtcNow();
        var title = agreement.Title.Length <= DetailTitleLength ? agreement.Title : agreement.Title[..DetailTitleLength] + "…";
        var draft = new NotificationDraft(
            NotificationKind.AgreementReviewDue,
            null,
            null,
            InformationCategory.None,
            title + " · " + CopenhagenTime.Format(agreement.NextReviewOn!.Value),
            "/Agreements/" + agreement.Id.ToString("D"),
            key);
        foreach (var userId in fresh)
        {
            var notice = Notification.For(userId, draft, now);
            db.Notifications.Add(notice);
            if (emailModes.GetValueOrDefault(userId, NotificationService.DefaultEmailMode) == NotificationEmailMode.Immediate)
            {
                db.OutboxMessages.Add(OutboxMessage.Create(OutboxTopics.NoticeMail, JsonSerializer.Serialize(new NoticeMailPayload(notice.Id)), "notice-mail:" + notice.Id.ToString("N"), now));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return fresh.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance created the same reminder a moment ago (same recipient and key): it exists once.
            db.ChangeTracker.Clear();
            LogRace(logger);
            return 0;
        }
    }

    /// <summary>Active administrator accounts with their organisation.</summary>
    private async Task<IReadOnlyList<(Guid UserId, Guid OrganizationId)>> AdministratorsAsync(CancellationToken cancellationToken)
    {
        var roleId = await db.Roles.Where(r => r.Name == SamspilRoles.Administrator).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        var users = await (
                from user in db.Users.AsNoTracking()
                join role in db.UserRoles on user.Id equals role.UserId
                where role.RoleId == roleId && user.OrganizationId != null
                select new { user.Id, OrganizationId = user.OrganizationId!.Value, user.LockoutEnd })
            .ToListAsync(cancellationToken);
        return users.Where(u => !Administration.AccountAdministration.IsDeactivated(u.LockoutEnd)).Select(u => (u.Id, u.OrganizationId)).ToList();
    }

    private static IEnumerable<Guid> AncestorsAndSelf(Guid id, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var seen = new HashSet<Guid>();
        Guid? at = id;
        while (at is { } current && seen.Add(current))
        {
            yield return current;
            at = parents.GetValueOrDefault(current);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement review reminders: {Count} notices created")]
    private static partial void LogRun(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "An agreement review reminder was created by another instance at the same time")]
    private static partial void LogRace(ILogger logger);
}

/// <summary>
/// Runs <see cref="AgreementReviewReminderJob"/> in a system scope at start and then at the reminders' interval, alongside
/// the other reminders (<see cref="NotificationJobsWorker"/>); off when <c>Notifications:Reminders:Enabled</c> is false.
/// </summary>
public sealed partial class AgreementReviewWorker(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider time, ILogger<AgreementReviewWorker> logger) : BackgroundService
{
    public static async Task<int> RunOnceAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<AgreementReviewReminderJob>().RunAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await PeriodicRun.LoopAsync(ct => RunOnceAsync(scopes, ct), TimeSpan.FromMinutes(options.Value.IntervalMinutes), time, failure => LogRunFailed(logger, failure), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agreement review reminder run failed ({Failure}); trying again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string failure);
}

public static class AgreementServiceCollectionExtensions
{
    /// <summary>Registers agreements, the review reminder and its worker, with the <c>Agreements</c> settings (checked at start-up).</summary>
    public static IServiceCollection AddSamspilAgreements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgreementOptions>()
            .Bind(configuration.GetSection(AgreementOptions.Section))
            .Validate(o => o.Problem() is null, "Agreements settings are out of range (see docs/agreements.md).")
            .ValidateOnStart();
        services.AddScoped<AgreementService>();
        services.AddScoped<AgreementReviewReminderJob>();
        services.AddHostedService<AgreementReviewWorker>();
        return services;
    }
}
