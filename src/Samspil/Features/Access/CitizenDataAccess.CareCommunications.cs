using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Conversations;
using Samspil.Domain.Courses;
using Samspil.Features.CareCommunications;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A conversation as Samspil's own processing of CareCommunications sees it: its course and citizen.</summary>
public sealed record ConversationForProcessing(Conversation Conversation, Course Course, Citizen Citizen);

/// <summary>
/// MedCom CareCommunication (issue 20): an external party (a GP clinic or a hospital department, a
/// directory organisation) is treated by the policy as an actor working within that organisation, and
/// only a consent of the citizen that covers "beskeder" for it lets a message go to it or come from it
/// into a conversation (a legal basis or having registered the course does not: the message leaves
/// Samspil). The messages in a thread are read exactly as the thread is (<see cref="ReadConversationAsync"/>).
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>Does the citizen's consent cover messages to and from this organisation for this course? Consent only.</summary>
    public async Task<AccessDecision> DecideForExternalPartyAsync(Course course, Guid organizationId, CancellationToken cancellationToken)
    {
        var directory = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId, o.Kind }).ToListAsync(cancellationToken);
        var byId = directory.ToDictionary(o => o.Id);
        if (!byId.TryGetValue(organizationId, out var organization))
        {
            return AccessDecision.Denied;
        }

        var within = new HashSet<Guid>();
        for (Guid? current = organizationId; current is { } id && byId.TryGetValue(id, out var unit) && within.Add(id);)
        {
            current = unit.PartOfId;
        }

        var own = new HashSet<Guid> { organizationId };
        for (var grown = true; grown;)
        {
            var children = directory.Where(o => o.PartOfId is { } parent && own.Contains(parent) && !own.Contains(o.Id)).Select(o => o.Id).ToList();
            own.UnionWith(children);
            grown = children.Count > 0;
        }

        var actor = new AccessActor(Guid.Empty, null, new HashSet<Guid>(), own, within, new HashSet<Domain.Directory.OrganizationKind> { organization.Kind }, null, null);
        var facts = await FactsAsync(course.CitizenId, cancellationToken);
        using var activity = Infrastructure.Telemetry.SamspilTelemetry.StartDecision(InformationCategory.Messages, AccessPurpose.Coordination);
        var decision = Infrastructure.Telemetry.SamspilTelemetry.Decided(
            activity,
            AccessPolicy.Decide(new AccessRequest(actor, SubjectOf(course), InformationCategory.Messages, AccessPurpose.Coordination, CopenhagenTime.Today(time)), facts),
            InformationCategory.Messages,
            AccessPurpose.Coordination);
        return decision.BasisKind == AccessBasisKind.Consent ? decision : AccessDecision.Denied;
    }

    /// <summary>The CareCommunications of a thread the user has just been allowed to read (by <see cref="ReadConversationAsync"/> or for change).</summary>
    public async Task<IReadOnlyList<ExternalMessage>> ExternalMessagesAsync(ConversationRecord permitted, CancellationToken cancellationToken) =>
        await db.ExternalMessages.AsNoTracking().Where(m => m.ConversationId == permitted.Conversation.Id).OrderBy(m => m.SentAt).ThenBy(m => m.RecordedAt).ToListAsync(cancellationToken);

    /// <summary>Samspil's own processing: the thread message (either direction) with one of these MessageHeader ids, newest first.</summary>
    public async Task<ExternalMessage?> ExternalMessageForProcessingAsync(IReadOnlyCollection<string> messageHeaderIds, CancellationToken cancellationToken)
    {
        EnsureSystem();
        if (messageHeaderIds.Count == 0)
        {
            return null;
        }

        var ids = messageHeaderIds.ToList();
        return await db.ExternalMessages.AsNoTracking().Where(m => ids.Contains(m.MessageHeaderId)).OrderByDescending(m => m.RecordedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Samspil's own processing: a conversation with its course and citizen (tracked).</summary>
    public async Task<ConversationForProcessing?> ConversationForProcessingAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var conversation = await db.Conversations.Include(c => c.Participants).SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var course = await db.Courses.SingleAsync(c => c.Id == conversation.CourseId, cancellationToken);
        var citizen = await db.Citizens.SingleAsync(c => c.Id == conversation.CitizenId, cancellationToken);
        return new ConversationForProcessing(conversation, course, citizen);
    }
}
