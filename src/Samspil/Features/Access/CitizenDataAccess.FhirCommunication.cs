using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;

namespace Samspil.Features.Access;

/// <summary>
/// Issue 20: the lookups the FHIR Communication and QuestionnaireResponse handlers need to find what a resource id
/// belongs to. They return only ids (never content), and the caller then reads through the ordinary, policy-checked and
/// logged paths, so nothing is revealed about what the reader may not see.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>The thread a message belongs to, or null when there is no such message. Reveals nothing: the thread is then read with the policy.</summary>
    public Task<Guid?> ConversationOfMessageAsync(Guid messageId, CancellationToken cancellationToken) =>
        db.ConversationMessages.Where(m => m.Id == messageId).Select(m => (Guid?)m.ConversationId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// One thread with its messages for an export (FHIR Communication): like <see cref="ReadConversationAsync"/> but
    /// without moving the reader's read marker (a partner system fetching messages has not shown them to anyone). Logged.
    /// </summary>
    public async Task<ConversationRecord?> ReadConversationForExportAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var found = await FindConversationAsync(conversationId, tracked: false, withMessages: true, cancellationToken);
        if (found is null)
        {
            return null;
        }

        log.Record(found.Course.Citizen.Id, MessagesCategory, AccessAction.Read, "Conversation", conversationId, found.Course.Decision);
        await log.CommitAsync(cancellationToken);
        return found;
    }

    /// <summary>The course a citizen-answered questionnaire response belongs to, or null. Reveals nothing: the response is then read with the policy.</summary>
    public Task<Guid?> CourseOfQuestionnaireResponseAsync(Guid responseId, CancellationToken cancellationToken) =>
        db.QuestionnaireResponses.Where(r => r.Id == responseId && r.RespondentArea == null).Select(r => (Guid?)r.CourseId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The citizen's consents as the reader may see them (<see cref="VisibleConsentsAsync"/>), for the FHIR Consent
    /// resource; null when the reader may not read the citizen at all (no course of theirs readable). Logged as a read.
    /// </summary>
    public async Task<(Guid CitizenId, IReadOnlyList<Consent> Consents)?> ReadConsentsForExportAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        var courses = await ListCoursesAsync(q => q.Where(c => c.Citizen.Id == citizenId), InformationCategory.StatusAndAppointments, cancellationToken, limit: 1);
        if (courses.Count == 0)
        {
            return null;
        }

        var visible = await VisibleConsentsAsync(citizenId, cancellationToken);
        log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "Consent", null, courses[0].Decision);
        await log.CommitAsync(cancellationToken);
        return (citizenId, visible);
    }

    /// <summary>The citizen a consent version belongs to, or null. Reveals nothing: the consents are then read with the policy.</summary>
    public Task<Guid?> CitizenOfConsentAsync(Guid consentId, CancellationToken cancellationToken) =>
        db.Consents.Where(k => k.Id == consentId).Select(k => (Guid?)k.CitizenId).SingleOrDefaultAsync(cancellationToken);
}
