using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Conversations;
using Samspil.Domain.Courses;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A conversation read with the course it belongs to; the decision is the reader's, in the category "beskeder".</summary>
public sealed record ConversationRecord(CourseRecord Course, Conversation Conversation);

/// <summary>A conversation in a list (participants loaded, messages not), with how many messages the reader has not seen.</summary>
public sealed record ConversationListItem(CourseRecord Course, Conversation Conversation, int Unread);

/// <summary>
/// Secure conversations' reads, all in the category <see cref="InformationCategory.Messages"/>. Who may
/// read a thread is decided at every read, for the reader: they must be one of its participants, the
/// policy must let them read the citizen's messages (consent, legal basis, own records, or being the
/// citizen or their proxy), and a professional must hold a role on the course's active network. A
/// participant who leaves the network or loses consent keeps their place in the thread (their name
/// stays on what they wrote) but reads nothing — the thread is "not found" for them — until both are
/// true again.
/// </summary>
public sealed partial class CitizenDataAccess
{
    private const InformationCategory MessagesCategory = InformationCategory.Messages;

    /// <summary>
    /// The threads of a course the user takes part in, with their unread counts; null (404) unless the
    /// user may read the course's messages and is on its network (or is the citizen or proxy). Logged.
    /// </summary>
    public async Task<(CourseRecord Course, IReadOnlyList<ConversationListItem> Conversations)?> ReadCourseConversationsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForConversationsAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var me = user.UserId;
        var conversations = await db.Conversations.AsNoTracking()
            .Include(c => c.Participants)
            .Where(c => c.CourseId == courseId && c.Participants.Any(p => p.UserId == me))
            .OrderByDescending(c => c.LastMessageAt)
            .ToListAsync(cancellationToken);
        var unread = await UnreadAsync(conversations.Select(c => c.Id).ToList(), cancellationToken);
        log.Record(record.Citizen.Id, MessagesCategory, AccessAction.Read, "Conversations", courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return (record, conversations.Select(c => new ConversationListItem(record, c, unread.GetValueOrDefault(c.Id))).ToList());
    }

    /// <summary>
    /// "Mine beskeder": every thread the user takes part in and may still read, newest first, with unread
    /// counts. Threads the user may no longer read are left out and not counted. Each course is logged.
    /// </summary>
    public async Task<IReadOnlyList<ConversationListItem>> MyConversationsAsync(CancellationToken cancellationToken)
    {
        var me = user.UserId;
        var courseIds = await db.ConversationParticipants
            .Where(p => p.UserId == me)
            .Join(db.Conversations, p => p.ConversationId, c => c.Id, (p, c) => c.CourseId)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (courseIds.Count == 0)
        {
            return [];
        }

        var candidates = await (await CandidatesAsync(cancellationToken)).Where(c => courseIds.Contains(c.Course.Id)).ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var readable = new Dictionary<Guid, CourseRecord>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), MessagesCategory, cancellationToken);
            if (!decision.Permitted)
            {
                continue;
            }

            await db.Entry(candidate.Course).Collection(c => c.Members).LoadAsync(cancellationToken);
            var record = new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision);
            if (await TakesPartAsync(record, cancellationToken))
            {
                readable[candidate.Course.Id] = record;
            }
        }

        var ids = readable.Keys.ToList();
        var conversations = await db.Conversations.AsNoTracking()
            .Include(c => c.Participants)
            .Where(c => ids.Contains(c.CourseId) && c.Participants.Any(p => p.UserId == me))
            .OrderByDescending(c => c.LastMessageAt)
            .ToListAsync(cancellationToken);
        var unread = await UnreadAsync(conversations.Select(c => c.Id).ToList(), cancellationToken);
        foreach (var record in readable.Values)
        {
            log.Record(record.Citizen.Id, MessagesCategory, AccessAction.Read, "Conversations", record.Course.Id, record.Decision);
        }

        await log.CommitAsync(cancellationToken);
        return conversations.Select(c => new ConversationListItem(readable[c.CourseId], c, unread.GetValueOrDefault(c.Id))).ToList();
    }

    /// <summary>
    /// One thread with every message and the attachments' names (not their bytes); null (404) unless the
    /// user takes part and may read it now. Reading marks every message as seen by the reader; the
    /// marker and the log entry are saved together before the thread is returned.
    /// </summary>
    public async Task<ConversationRecord?> ReadConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var found = await FindConversationAsync(conversationId, tracked: true, withMessages: true, cancellationToken);
        if (found is null)
        {
            return null;
        }

        found.Conversation.MarkRead(user.UserId, time.GetUtcNow());
        log.Record(found.Course.Citizen.Id, MessagesCategory, AccessAction.Read, "Conversation", conversationId, found.Course.Decision);
        await log.CommitAsync(cancellationToken);
        return found;
    }

    /// <summary>A thread (tracked, participants loaded, messages not) the user may write in. The caller records the change and commits.</summary>
    public Task<ConversationRecord?> FindConversationForChangeAsync(Guid conversationId, CancellationToken cancellationToken) =>
        FindConversationAsync(conversationId, tracked: true, withMessages: false, cancellationToken);

    /// <summary>An attachment with its bytes, for download by a participant who may read the thread; null (404) otherwise. Logged.</summary>
    public async Task<(ConversationRecord Record, MessageAttachment Attachment)?> ReadAttachmentAsync(Guid conversationId, Guid attachmentId, CancellationToken cancellationToken)
    {
        var found = await FindConversationAsync(conversationId, tracked: false, withMessages: false, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var attachment = await db.MessageAttachments.AsNoTracking()
            .Include(a => a.Content)
            .Where(a => a.Id == attachmentId && db.ConversationMessages.Any(m => m.Id == a.MessageId && m.ConversationId == conversationId))
            .SingleOrDefaultAsync(cancellationToken);
        if (attachment?.Content is null)
        {
            return null;
        }

        log.Record(found.Course.Citizen.Id, MessagesCategory, AccessAction.Read, "MessageAttachment", attachmentId, found.Course.Decision);
        await log.CommitAsync(cancellationToken);
        return (found, attachment);
    }

    /// <summary>
    /// A course on which the user may start a thread: staff who may change the course (on its active
    /// network) and may read its messages; or the citizen or their proxy. Logs nothing.
    /// </summary>
    public async Task<CourseRecord?> FindCourseForNewConversationAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseForConversationsAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        return record.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy || await MayChangeAsync(record, cancellationToken) ? record : null;
    }

    /// <summary>
    /// Whom a thread on this course may include: accounts of the professionals on its active network,
    /// the citizen and their proxies — each only if the policy lets them read the citizen's messages.
    /// </summary>
    public async Task<IReadOnlyList<NoticeRecipient>> ConversationCandidatesAsync(Course course, CancellationToken cancellationToken) =>
        await PermittedRecipientsAsync(SubjectOf(course), MessagesCategory, await NetworkAccountsAsync(course, cancellationToken), cancellationToken);

    /// <summary>Which of these accounts may read the course's threads now (the same rule as for the reader), e.g. whom to tell about a new message.</summary>
    public async Task<IReadOnlySet<Guid>> WithConversationAccessAsync(Course course, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var onNetwork = (await NetworkAccountsAsync(course, cancellationToken)).ToHashSet();
        var candidates = userIds.Where(onNetwork.Contains).Distinct().ToList();
        return (await PermittedRecipientsAsync(SubjectOf(course), MessagesCategory, candidates, cancellationToken)).Select(r => r.UserId).ToHashSet();
    }

    /// <summary>The course with the user's decision for its messages, if they may read them and take part (on the network, or the citizen or proxy).</summary>
    private async Task<CourseRecord?> FindCourseForConversationsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, MessagesCategory, AccessPurpose.Coordination, cancellationToken);
        return record is not null && await TakesPartAsync(record, cancellationToken) ? record : null;
    }

    private async Task<ConversationRecord?> FindConversationAsync(Guid conversationId, bool tracked, bool withMessages, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        var courseId = await db.Conversations
            .Where(c => c.Id == conversationId && c.Participants.Any(p => p.UserId == me))
            .Select(c => (Guid?)c.CourseId)
            .SingleOrDefaultAsync(cancellationToken);
        var record = courseId is { } id ? await FindCourseForConversationsAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return null;
        }

        var query = db.Conversations.Include(c => c.Participants).AsQueryable();
        if (withMessages)
        {
            query = query.Include(c => c.Messages).ThenInclude(m => m.Attachments).AsSplitQuery();
        }

        if (!tracked)
        {
            query = query.AsNoTracking();
        }

        return new ConversationRecord(record, await query.SingleAsync(c => c.Id == conversationId, cancellationToken));
    }

    /// <summary>
    /// Does the user take part in the course's conversations: the citizen or proxy, or a professional
    /// holding one of their roles on the active network today. (The policy has already decided the read.)
    /// </summary>
    private async Task<bool> TakesPartAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        if (record.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy)
        {
            return true;
        }

        var actor = await actors.GetAsync(cancellationToken);
        var today = CopenhagenTime.Today(time);
        return record.Course.Members.Any(m => m.PractitionerRoleId is { } roleId && actor.PractitionerRoleIds.Contains(roleId) && m.IsActiveOn(today));
    }

    /// <summary>Messages by others after the user's read marker, per conversation.</summary>
    private async Task<Dictionary<Guid, int>> UnreadAsync(List<Guid> conversationIds, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        return await (
                from message in db.ConversationMessages
                join participant in db.ConversationParticipants on message.ConversationId equals participant.ConversationId
                where participant.UserId == me && conversationIds.Contains(message.ConversationId) && message.AuthorUserId != me && message.Sequence > participant.LastReadSequence
                group message by message.ConversationId into g
                select new { ConversationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ConversationId, x => x.Count, cancellationToken);
    }
}
