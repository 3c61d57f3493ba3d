using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Notifications;

/// <summary>
/// Tells people about events. The one way a notice is created: the access layer decides for each
/// candidate whether they may know (the policy, for that person, in the notice's category); each
/// notice is logged in the citizen's access log as "notified" under the recipient's name and basis;
/// e-mail deliveries go to the outbox in the same transaction. Nothing is saved here: the caller
/// commits together with the event (<see cref="AccessLog.CommitAsync"/>), so an event and its
/// notices exist together or not at all.
/// </summary>
public sealed class NotificationService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time)
{
    /// <summary>Users who have not chosen get an e-mail for each notice (content-free).</summary>
    public const NotificationEmailMode DefaultEmailMode = NotificationEmailMode.Immediate;

    /// <summary>
    /// Creates a notice about the citizen in <paramref name="subject"/> for each candidate the policy
    /// permits to read <see cref="NotificationDraft.Category"/>, at most one per recipient and
    /// deduplication key. Returns the notices added (not yet saved).
    /// </summary>
    public async Task<IReadOnlyList<Notification>> NotifyAsync(
        NotificationDraft draft,
        AccessSubject subject,
        IReadOnlyCollection<Guid> candidateUserIds,
        CancellationToken cancellationToken)
    {
        if (draft.CitizenId != subject.CitizenId)
        {
            throw new ArgumentException("A notice is about the subject's citizen.", nameof(draft));
        }

        var recipients = await access.PermittedRecipientsAsync(subject, draft.Category, candidateUserIds, cancellationToken);
        var recipientIds = recipients.Select(r => r.UserId).ToList();
        var alreadyTold = await access.AlreadyNotifiedAsync(recipientIds, draft.DeduplicationKey, cancellationToken);
        var emailModes = await db.NotificationPreferences
            .Where(p => recipientIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.EmailMode, cancellationToken);

        var now = time.GetUtcNow();
        var added = new List<Notification>();
        foreach (var recipient in recipients.Where(r => !alreadyTold.Contains(r.UserId)))
        {
            var notice = Notification.For(recipient.UserId, draft, now);
            db.Notifications.Add(notice);
            access.Log.RecordNotice(recipient, subject.CitizenId, draft.Category, notice.Id);
            if (emailModes.GetValueOrDefault(recipient.UserId, DefaultEmailMode) == NotificationEmailMode.Immediate)
            {
                db.OutboxMessages.Add(OutboxMessage.Create(
                    OutboxTopics.NoticeMail,
                    JsonSerializer.Serialize(new NoticeMailPayload(notice.Id)),
                    "notice-mail:" + notice.Id.ToString("N"),
                    now));
            }

            added.Add(notice);
        }

        return added;
    }
}

/// <summary>The outbox payload of <see cref="OutboxTopics.NoticeMail"/>.</summary>
public sealed record NoticeMailPayload(Guid NotificationId);
