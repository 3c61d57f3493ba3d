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

/// <summary>
/// Issue 21: notices of one kind about one course (or, for a hospital stay, one citizen), newest group first. A notice the reader
/// may no longer read goes into one neutral group (key "unavailable") that names no one.
/// </summary>
/// <param name="Key">"unavailable", or the kind, followed by ":course:{id}" or ":citizen:{id}" when the notice is about one; what mark-group-read takes.</param>
public sealed record NotificationGroupView(string Key, NotificationKind? Kind, string Text, bool Available, string? CitizenName, int Count, int Unread, DateTimeOffset LatestAt, IReadOnlyList<NotificationView> Items);

/// <summary>A page of the inbox (the newest notices, as in the flat list) in groups.</summary>
public sealed record GroupedInboxView(IReadOnlyList<NotificationGroupView> Groups, int Page, int PageSize, int Total, int Unread);

public sealed record MarkGroupReadRequest(string? Key);

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
        Validate(number, size);
        var read = await access.ReadInboxAsync(unreadOnly, (number - 1) * size, size, cancellationToken);
        return new InboxView(read.Entries.Select(ToView).ToList(), number, size, read.Total, read.Unread);
    }

    public const string UnavailableGroupKey = "unavailable";

    /// <summary>The largest number of unread notices one "mark the group read" looks through.</summary>
    public const int MaxGroupScan = 1000;

    /// <summary>Issue 21: a page of the inbox grouped by course and kind; the page and its size count notices, as in the flat list.</summary>
    public async Task<GroupedInboxView> ListGroupedAsync(bool unreadOnly, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? MaxPageSize;
        Validate(number, size);
        var read = await access.ReadInboxAsync(unreadOnly, (number - 1) * size, size, cancellationToken);
        var groups = read.Entries
            .GroupBy(GroupKey, StringComparer.Ordinal) // keeps the order of first appearance: newest group first
            .Select(g =>
            {
                var first = g.First();
                var items = g.Select(ToView).ToList();
                return first.Available
                    ? new NotificationGroupView(g.Key, first.Notice.Kind, localizer["Notification.Kind." + first.Notice.Kind], true, first.CitizenName, items.Count, items.Count(i => i.ReadAt is null), first.Notice.CreatedAt, items)
                    : new NotificationGroupView(g.Key, null, localizer["Notification.Unavailable"], false, null, items.Count, items.Count(i => i.ReadAt is null), first.Notice.CreatedAt, items);
            })
            .ToList();
        return new GroupedInboxView(groups, number, size, read.Total, read.Unread);
    }

    /// <summary>
    /// Issue 21: marks the unread notices of one group read (a key from <see cref="ListGroupedAsync"/>). The group is found
    /// through the same policy as the list, without logging reads: nothing of the notices leaves the server. Idempotent.
    /// </summary>
    public async Task<MarkedReadView> MarkGroupReadAsync(MarkGroupReadRequest? request, CancellationToken cancellationToken)
    {
        var key = request?.Key;
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add("key", "NoticeGroup.Key.Required");
        }
        else if (!IsWellFormedGroupKey(key))
        {
            errors.Add("key", "NoticeGroup.Key.Invalid");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var unread = await access.ReadInboxAsync(true, 0, MaxGroupScan, cancellationToken, logReads: false);
        var ids = unread.Entries.Where(e => string.Equals(GroupKey(e), key, StringComparison.Ordinal)).Select(e => e.Notice.Id).ToList();
        return new MarkedReadView(await access.MarkNoticeGroupReadAsync(ids, cancellationToken));
    }

    /// <summary>The group a notice belongs to: by kind, and by course (or citizen, for a hospital stay) when it is about one.</summary>
    public static string GroupKey(InboxEntry entry)
    {
        if (!entry.Available)
        {
            return UnavailableGroupKey;
        }

        var n = entry.Notice;
        var kind = n.Kind.ToString();
        if (n.CitizenId is { } citizenId && (CitizenDataAccess.IsAboutCitizen(n.Kind) || n.CourseId is null))
        {
            return kind + ":citizen:" + citizenId.ToString("D");
        }

        return n.CourseId is { } courseId ? kind + ":course:" + courseId.ToString("D") : kind;
    }

    public static bool IsWellFormedGroupKey(string key)
    {
        if (key.Length > 100)
        {
            return false;
        }

        if (string.Equals(key, UnavailableGroupKey, StringComparison.Ordinal))
        {
            return true;
        }

        var parts = key.Split(':');
        var kindKnown = Enum.GetNames<NotificationKind>().Contains(parts[0], StringComparer.Ordinal);
        return kindKnown && (parts.Length == 1
            || (parts.Length == 3 && parts[1] is "course" or "citizen" && Guid.TryParseExact(parts[2], "D", out _)));
    }

    private static void Validate(int number, int size)
    {
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
