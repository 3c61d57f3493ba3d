using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Conversations;
using Samspil.Domain.Notifications;
using Samspil.Features.Access;
using Samspil.Features.Audit;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Conversations;

/// <summary>
/// Use cases for secure conversations (R27), shared by the API and the pages. Every read and write
/// goes through <see cref="CitizenDataAccess"/> in the category "beskeder" and is logged; a new
/// message tells the other participants through <see cref="NotificationService"/> with a notice that
/// carries no content (the e-mail only says "Du har en ny besked i Samspil").
/// </summary>
public sealed class ConversationService(
    SamspilDbContext db,
    CitizenDataAccess access,
    NotificationService notifications,
    TimeProvider time,
    IOptions<ConversationOptions> options)
{
    private const InformationCategory Category = InformationCategory.Messages;

    /// <summary>
    /// Tries a message again when another was posted to the same thread at the same moment: of the posts
    /// that read the same count, one wins each round, so this many people can post at once.
    /// </summary>
    private const int PostAttempts = 10;

    private DateOnly Today => CopenhagenTime.Today(time);

    private Moment Now => CopenhagenTime.Now(time);

    private AttachmentLimits Limits => new(options.Value.MaxAttachmentBytes, options.Value.MaxAttachmentsPerMessage);

    public AttachmentRulesView AttachmentRules => new(
        options.Value.MaxAttachmentBytes,
        options.Value.MaxAttachmentsPerMessage,
        AttachmentTypes.All.Select(t => t.ContentType).ToList(),
        AttachmentTypes.All.SelectMany(t => t.Extensions).ToList());

    /// <summary>The course's threads the user takes part in, and whom they may start one with; null (404) unless they may read its messages.</summary>
    public async Task<CourseConversationsView?> CourseConversationsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadCourseConversationsAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var (record, items) = read;
        var ended = record.Course.IsEnded(Today);
        var canStart = !ended && (await access.FindCourseForNewConversationAsync(courseId, cancellationToken)) is not null;
        var possible = canStart ? await PossibleParticipantsAsync(record, exclude: [access.User.UserId], cancellationToken) : [];
        return new CourseConversationsView(
            courseId,
            record.Citizen.FullName,
            record.Course.IsDemo,
            items.Select(Summary).ToList(),
            canStart,
            possible,
            DefaultLanguage(record),
            ended);
    }

    public async Task<MyConversationsView> MyConversationsAsync(CancellationToken cancellationToken)
    {
        var items = await access.MyConversationsAsync(cancellationToken);
        var startOn = new List<CourseLink>();
        if (access.User.ActsForCitizen)
        {
            var citizenId = access.User.CitizenId;
            var courses = await access.ListCoursesAsync(q => q.Where(c => c.Citizen.Id == citizenId), Category, cancellationToken);
            startOn.AddRange(courses.Where(c => !c.Course.IsEnded(Today)).Select(c => new CourseLink(c.Course.Id, c.Citizen.FullName)));
        }

        return new MyConversationsView(items.Select(Summary).ToList(), items.Sum(i => i.Unread), startOn);
    }

    /// <summary>One thread; reading it marks it read for the reader. Null (404) unless they take part and may read it now.</summary>
    public async Task<ConversationView?> GetAsync(Guid conversationId, CancellationToken cancellationToken) =>
        await access.ReadConversationAsync(conversationId, cancellationToken) is { } record ? await ToViewAsync(record, cancellationToken) : null;

    /// <summary>
    /// Starts a thread. Staff who may change the course start one with people on its network whom a
    /// consent (or another basis) covers for messages; the citizen and a proxy start one with the
    /// professionals they choose, by the same rule. Returns the id, or null (404).
    /// </summary>
    public async Task<Guid?> StartAsync(Guid courseId, StartConversationRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForNewConversationAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        EnsureOpen(record);
        var candidates = await access.ConversationCandidatesAsync(record.Course, cancellationToken);
        var me = candidates.FirstOrDefault(c => c.UserId == access.User.UserId)
            ?? throw new DomainException("Conversation.Participant.NotPermitted", "participants");
        var others = Chosen(request.Participants, candidates, required: true);
        var now = Now;
        var conversation = Conversation.Start(courseId, record.Citizen.Id, request.Subject, Spec(me), others.Select(Spec).ToList(), now);
        db.Conversations.Add(conversation);
        access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "Conversation", conversation.Id, record.Decision);
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var message = conversation.Post(me.UserId, request.Text, request.Language ?? DefaultLanguage(record), [], Limits, now);
            access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "ConversationMessage", message.Id, record.Decision);
            await NotifyAsync(new ConversationRecord(record, conversation), message, others.Select(o => o.UserId), cancellationToken);
        }

        await access.Log.CommitAsync(cancellationToken);
        return conversation.Id;
    }

    /// <summary>
    /// Posts a message (text, its language, attachments) and tells the other participants who may read
    /// the thread now. Returns the thread, or null (404). A simultaneous post to the same thread is
    /// retried, so both messages are kept in order.
    /// </summary>
    public async Task<ConversationView?> PostAsync(Guid conversationId, PostMessageRequest request, IReadOnlyList<AttachmentUpload> attachments, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Posts to one thread take turns: the thread's message counter is read and raised under a lock
            // (a row lock in PostgreSQL, held to the commit; one writer per thread in this process on SQLite),
            // so simultaneous posts wait for each other instead of colliding and running out of retries.
            await using var turn = await ThreadTurn.TakeAsync(db, conversationId, cancellationToken);
            var record = await access.FindConversationForChangeAsync(conversationId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            EnsureOpen(record.Course);
            var message = record.Conversation.Post(access.User.UserId, request.Text, request.Language ?? DefaultLanguage(record.Course), attachments, Limits, Now);
            db.ConversationMessages.Add(message);
            access.Log.Record(record.Course.Citizen.Id, Category, AccessAction.Create, "ConversationMessage", message.Id, record.Course.Decision);
            await NotifyAsync(record, message, record.Conversation.Participants.Select(p => p.UserId), cancellationToken);
            try
            {
                await access.Log.CommitAsync(cancellationToken);
                await turn.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < PostAttempts)
            {
                db.ChangeTracker.Clear();
                await turn.DisposeAsync();
                await Task.Delay(Random.Shared.Next(5, 25) * attempt, cancellationToken);
                continue;
            }

            await turn.DisposeAsync();
            return await GetAsync(conversationId, cancellationToken);
        }
    }

    /// <summary>Adds people on the network whom the policy covers for messages; any participant who may read the thread may add.</summary>
    public async Task<ConversationView?> AddParticipantsAsync(Guid conversationId, AddParticipantsRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindConversationForChangeAsync(conversationId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        EnsureOpen(record.Course);
        var candidates = await access.ConversationCandidatesAsync(record.Course.Course, cancellationToken);
        var chosen = Chosen(request.Participants, candidates, required: true);
        var added = record.Conversation.AddParticipants(chosen.Select(Spec).ToList(), access.User.DisplayName, Now);
        if (added.Count > 0)
        {
            foreach (var participant in added)
            {
                db.ConversationParticipants.Add(participant);
            }

            access.Log.Record(record.Course.Citizen.Id, Category, AccessAction.Update, "Conversation", conversationId, record.Course.Decision);
            await access.Log.CommitAsync(cancellationToken);
        }

        return await GetAsync(conversationId, cancellationToken);
    }

    /// <summary>An attachment for download; null (404) unless the user may read the thread. Logged.</summary>
    public async Task<AttachmentFile?> AttachmentAsync(Guid conversationId, Guid attachmentId, CancellationToken cancellationToken) =>
        await access.ReadAttachmentAsync(conversationId, attachmentId, cancellationToken) is { } found
            ? new AttachmentFile(found.Attachment.Content!.Bytes, found.Attachment.ContentType, found.Attachment.FileName)
            : null;

    /// <summary>
    /// Reads uploaded files into memory for <see cref="PostAsync"/>, refusing too many or too large
    /// files before reading them (the content is checked again, and its type sniffed, in the domain).
    /// </summary>
    public async Task<IReadOnlyList<AttachmentUpload>> ReadUploadsAsync(IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        if (files.Count > options.Value.MaxAttachmentsPerMessage)
        {
            throw new DomainException("Conversation.Attachment.TooMany", "files");
        }

        var uploads = new List<AttachmentUpload>();
        foreach (var file in files)
        {
            if (file.Length > options.Value.MaxAttachmentBytes)
            {
                throw new DomainException("Conversation.Attachment.TooLarge", "files");
            }

            if (file.Length == 0)
            {
                throw new DomainException("Conversation.Attachment.Empty", "files");
            }

            using var buffer = new MemoryStream((int)file.Length);
            await using (var stream = file.OpenReadStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
            }

            uploads.Add(new AttachmentUpload(file.FileName, buffer.ToArray()));
        }

        return uploads;
    }

    /// <summary>The citizen writes in their preferred language unless they choose another; everyone else in Danish.</summary>
    private string DefaultLanguage(CourseRecord record) =>
        record.Decision.BasisKind == AccessBasisKind.Self ? record.Citizen.PreferredLanguage : "da";

    private void EnsureOpen(CourseRecord record)
    {
        if (record.Course.IsEnded(Today))
        {
            throw new DomainException("Conversation.CourseEnded");
        }
    }

    /// <summary>The chosen accounts, each of which must be among the candidates; one error names the field.</summary>
    private static List<NoticeRecipient> Chosen(IReadOnlyList<Guid>? requested, IReadOnlyList<NoticeRecipient> candidates, bool required)
    {
        var ids = (requested ?? []).Distinct().ToList();
        var errors = new ValidationErrors();
        if (required && ids.Count == 0)
        {
            errors.Add("participants", "Conversation.Participants.Required");
        }

        if (ids.Any(id => candidates.All(c => c.UserId != id)))
        {
            errors.Add("participants", "Conversation.Participant.NotPermitted");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return candidates.Where(c => ids.Contains(c.UserId)).ToList();
    }

    private static NewParticipant Spec(NoticeRecipient recipient) =>
        new(recipient.UserId, KindOf(recipient.Decision), recipient.DisplayName, recipient.OrganizationId);

    private static ParticipantKind KindOf(AccessDecision decision) => decision.BasisKind switch
    {
        AccessBasisKind.Self => ParticipantKind.Citizen,
        AccessBasisKind.Proxy => ParticipantKind.Proxy,
        _ => ParticipantKind.Professional,
    };

    /// <summary>A "new message" notice for each other participant who may read the thread now; it names no text, subject or author.</summary>
    private async Task NotifyAsync(ConversationRecord record, ConversationMessage message, IEnumerable<Guid> participantIds, CancellationToken cancellationToken)
    {
        var others = participantIds.Where(id => id != message.AuthorUserId).ToList();
        var recipients = await access.WithConversationAccessAsync(record.Course.Course, others, cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }

        var draft = new NotificationDraft(
            NotificationKind.NewMessage,
            record.Course.Course.Id,
            record.Course.Citizen.Id,
            Category,
            Detail: null,
            Link: $"/Conversations/{record.Conversation.Id}",
            DeduplicationKey: "conversation-message:" + message.Id.ToString("N"));
        await notifications.NotifyAsync(draft, CitizenDataAccess.SubjectOf(record.Course.Course), recipients.ToList(), cancellationToken);
    }

    private async Task<IReadOnlyList<PossibleParticipantView>> PossibleParticipantsAsync(CourseRecord record, IReadOnlyCollection<Guid> exclude, CancellationToken cancellationToken)
    {
        var candidates = (await access.ConversationCandidatesAsync(record.Course, cancellationToken)).Where(c => !exclude.Contains(c.UserId)).ToList();
        var organizations = await OrganizationNamesAsync(candidates.Select(c => c.OrganizationId), cancellationToken);
        return candidates
            .Select(c => new PossibleParticipantView(c.UserId, c.DisplayName, KindOf(c.Decision), c.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null))
            .OrderBy(p => p.Kind == ParticipantKind.Professional).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private async Task<Dictionary<Guid, string>> OrganizationNamesAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static ConversationSummaryView Summary(ConversationListItem item) =>
        new(
            item.Conversation.Id,
            item.Course.Course.Id,
            item.Course.Citizen.FullName,
            item.Course.Course.IsDemo,
            item.Conversation.Subject,
            item.Conversation.CreatedAt,
            item.Conversation.LastMessageAt,
            item.Conversation.MessageCount,
            item.Unread,
            item.Conversation.Participants.OrderBy(p => p.AddedAt).Select(p => p.DisplayName).ToList());

    private async Task<ConversationView> ToViewAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        var (course, conversation) = record;
        var me = access.User.UserId;
        var withAccess = await access.WithConversationAccessAsync(course.Course, conversation.Participants.Select(p => p.UserId), cancellationToken);
        var open = !course.Course.IsEnded(Today);
        var canBeAdded = open
            ? await PossibleParticipantsAsync(course, conversation.Participants.Select(p => p.UserId).ToList(), cancellationToken)
            : [];
        var organizations = await OrganizationNamesAsync(conversation.Participants.Select(p => p.OrganizationId), cancellationToken);
        var participants = conversation.Participants
            .OrderBy(p => p.Kind == ParticipantKind.Professional).ThenBy(p => p.AddedAt)
            .Select(p => new ParticipantView(
                p.UserId,
                p.DisplayName,
                p.Kind,
                p.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null,
                withAccess.Contains(p.UserId),
                p.LastReadAt,
                p.UserId == me))
            .ToList();
        var messages = conversation.Messages
            .OrderBy(m => m.Sequence)
            .Select(m => new MessageView(
                m.Id,
                m.Sequence,
                m.AuthorUserId,
                m.AuthorName,
                m.AuthorKind,
                m.Text,
                m.Language,
                m.SentAt,
                m.AuthorUserId == me,
                conversation.ReadBy(m).Select(p => p.DisplayName).ToList(),
                m.Attachments.OrderBy(a => a.Order)
                    .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.SizeBytes, $"/api/v1/conversations/{conversation.Id}/attachments/{a.Id}"))
                    .ToList()))
            .ToList();
        return new ConversationView(
            conversation.Id,
            course.Course.Id,
            course.Citizen.FullName,
            course.Course.IsDemo,
            conversation.Subject,
            conversation.CreatedByName,
            conversation.CreatedAt,
            participants,
            messages,
            canBeAdded,
            DefaultLanguage(course),
            open,
            AttachmentRules);
    }
}
