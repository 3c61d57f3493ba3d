using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Notifications;

/// <param name="Kind">Null when the notice is no longer available to the reader (nothing about it is shown).</param>
public sealed record NotificationView(Guid Id, NotificationKind? Kind, string Text, bool Available, string? CitizenName, string? Detail, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record InboxView(IReadOnlyList<NotificationView> Items, int Page, int PageSize, int Total, int Unread);

public sealed record UnreadCountView(int Unread);

public sealed record MarkedReadView(int Marked);

/// <param name="InApp">Always true: every notice reaches the inbox.</param>
/// <param name="Language">"da", "en", and for citizens and proxies "ar", "fa" or "uk"; null = not chosen (Danish, or a citizen's own language when Samspil has it).</param>
public sealed record NotificationPreferencesView(bool InApp, NotificationEmailMode EmailMode, string? Language);

public sealed record NotificationPreferencesRequest(NotificationEmailMode? EmailMode, string? Language);

/// <summary>
/// "Notifikationer": the signed-in user's inbox and their choice of e-mail. The inbox reads through the
/// access layer, so a notice about a citizen shows the name and detail only while the reader may still
/// read its category, and each one shown is logged.
/// </summary>
public sealed class NotificationInbox(SamspilDbContext db, CitizenDataAccess access, IStringLocalizer<SharedResource> localizer, CurrentUser me)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<InboxView> ListAsync(bool unreadOnly, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var errors = new ValidationErrors();
        if (number is < 1 or > 100_000)
        {
            errors.Add("page", "Notification.Page.Invalid");
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", "Notification.PageSize.Invalid");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var read = await access.ReadInboxAsync(unreadOnly, (number - 1) * size, size, cancellationToken);
        return new InboxView(read.Entries.Select(ToView).ToList(), number, size, read.Total, read.Unread);
    }

    public async Task<UnreadCountView> UnreadCountAsync(CancellationToken cancellationToken) =>
        new(access.User.IsAuthenticated ? await access.UnreadNoticeCountAsync(cancellationToken) : 0);

    /// <summary>Marks one of the user's own notices read; false (404) when it is not theirs or does not exist. Idempotent.</summary>
    public async Task<bool> MarkReadAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        if (!await access.IsMyNoticeAsync(notificationId, cancellationToken))
        {
            return false;
        }

        await access.MarkNoticesReadAsync(notificationId, cancellationToken);
        return true;
    }

    public async Task<MarkedReadView> MarkAllReadAsync(CancellationToken cancellationToken) =>
        new(await access.MarkNoticesReadAsync(null, cancellationToken));

    public async Task<NotificationPreferencesView> PreferencesAsync(CancellationToken cancellationToken)
    {
        var userId = access.User.UserId;
        var preference = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return new NotificationPreferencesView(true, preference?.EmailMode ?? NotificationService.DefaultEmailMode, preference?.Language);
    }

    public async Task<NotificationPreferencesView> SetPreferencesAsync(NotificationPreferencesRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("emailMode", request.EmailMode, "NotificationPreference.EmailMode.Required");
        if (request.EmailMode is { } mode && !Enum.IsDefined(mode))
        {
            errors.Add("emailMode", "NotificationPreference.EmailMode.Invalid");
        }

        var language = string.IsNullOrWhiteSpace(request.Language) ? null : request.Language.Trim().ToLowerInvariant();
        if (language is not null && !Samspil.Infrastructure.Localization.SamspilCultures.For(me.IsStaff).Contains(language, StringComparer.Ordinal))
        {
            errors.Add("language", "NotificationPreference.Language.Unsupported");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var userId = access.User.UserId;
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            preference = new NotificationPreference(userId, request.EmailMode!.Value);
            db.NotificationPreferences.Add(preference);
        }

        preference.EmailMode = request.EmailMode!.Value;
        preference.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        return new NotificationPreferencesView(true, preference.EmailMode, preference.Language);
    }

    private NotificationView ToView(InboxEntry entry)
    {
        var n = entry.Notice;
        return entry.Available
            ? new NotificationView(n.Id, n.Kind, localizer["Notification.Kind." + n.Kind], true, entry.CitizenName, n.Detail, n.Link, n.CreatedAt, n.ReadAt)
            : new NotificationView(n.Id, null, localizer["Notification.Unavailable"], false, null, null, null, n.CreatedAt, n.ReadAt);
    }
}

/// <summary>A delivery that failed or was given up, as an administrator sees it: no content, no recipient.</summary>
public sealed record DeliveryView(Guid Id, string Topic, DateTimeOffset CreatedAt, int Attempts, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? GaveUpAt);

/// <summary>Failed and given-up outbox deliveries for administrators, and "prøv igen".</summary>
public sealed class DeliveryAdministration(SamspilDbContext db, TimeProvider time, OutboxSignal signal)
{
    public const int ListLimit = 200;

    public async Task<IReadOnlyList<DeliveryView>> FailedAsync(CancellationToken cancellationToken) =>
        await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DeliveredAt == null && (m.GaveUpAt != null || m.Attempts > 0))
            .OrderByDescending(m => m.CreatedAt)
            .Take(ListLimit)
            .Select(m => new DeliveryView(m.Id, m.Topic, m.CreatedAt, m.Attempts, m.LastError, m.GaveUpAt == null ? m.DueAt : null, m.GaveUpAt))
            .ToListAsync(cancellationToken);

    /// <summary>Makes a failed or given-up delivery due now with a fresh set of attempts; false (404) if there is no such delivery.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && m.DeliveredAt == null && (m.GaveUpAt != null || m.Attempts > 0))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.GaveUpAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.DueAt, now)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                cancellationToken);
        if (changed > 0)
        {
            signal.Notify();
        }

        return changed > 0;
    }
}
