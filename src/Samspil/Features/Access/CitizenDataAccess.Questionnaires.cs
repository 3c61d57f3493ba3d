using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>An assignment to the citizen with its instrument version and, once answered, its response.</summary>
public sealed record QuestionnaireAssignmentRecord(QuestionnaireAssignment Assignment, Instrument Instrument, QuestionnaireResponse? Response);

/// <summary>A response with its instrument version.</summary>
public sealed record QuestionnaireResponseRecord(QuestionnaireResponse Response, Instrument Instrument);

/// <summary>A course's citizen-answered questionnaires as the reader may see them: each only where the reader may read its instrument's category.</summary>
public sealed record CourseQuestionnairesRecord(CourseRecord Course, IReadOnlyList<QuestionnaireAssignmentRecord> Assignments, IReadOnlyList<QuestionnaireResponseRecord> Responses);

/// <summary>
/// The citizen's questionnaires (issue 19, docs/questionnaires-answering.md): assignments and responses are citizen data
/// read under their instrument's consent category (WHO-5: "helbred og behandling"). The citizen and a proxy whose power
/// of attorney covers the category read their own; staff read what the policy permits in that category. Every read is
/// logged; anything not permitted is "not found". Collaboration questionnaires (answered by network members) are not read here.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The course's citizen-answered assignments and responses the reader may read; null (404) unless the reader may
    /// read the course itself. An assignment or response whose category the reader may not read is left out silently.
    /// </summary>
    public async Task<CourseQuestionnairesRecord?> ReadCourseQuestionnairesAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var (assignments, responses) = await PermittedQuestionnairesAsync(record.Course, cancellationToken);
        await log.CommitAsync(cancellationToken);
        return new CourseQuestionnairesRecord(record, assignments, responses);
    }

    /// <summary>The signed-in citizen's (or proxy's citizen's) assignments and responses on every course of theirs, as the policy permits; logged.</summary>
    public async Task<IReadOnlyList<CourseQuestionnairesRecord>> ReadMyQuestionnairesAsync(CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        if (!user.ActsForCitizen || (actor.OwnCitizenId ?? actor.ProxyForCitizenId) is not { } self)
        {
            return [];
        }

        var candidates = await (await CandidatesAsync(cancellationToken)).Where(c => c.Course.CitizenId == self).ToListAsync(cancellationToken);
        var result = new List<CourseQuestionnairesRecord>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Course.StartDate))
        {
            // Decided per instrument category, not by the course's status: a power of attorney that covers health but not
            // status still lets the proxy answer WHO-5 for the citizen.
            var decision = await DecideAsync(SubjectOf(candidate.Course), InformationCategory.StatusAndAppointments, cancellationToken);
            var (assignments, responses) = await PermittedQuestionnairesAsync(candidate.Course, cancellationToken);
            if (!decision.Permitted && assignments.Count == 0 && responses.Count == 0)
            {
                continue;
            }

            result.Add(new CourseQuestionnairesRecord(new CourseRecord(candidate.Course, candidate.Citizen, decision), assignments, responses));
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// An open or answered assignment for the citizen to answer or look at: the citizen, or a proxy whose power of
    /// attorney covers the instrument's category. Staff and anyone else: null (404). The assignment is tracked (the
    /// caller marks it answered); the read is logged, the caller commits.
    /// </summary>
    public async Task<(CourseRecord Course, QuestionnaireAssignmentRecord Assignment)?> FindMyAssignmentAsync(Guid assignmentId, CancellationToken cancellationToken)
    {
        if (!user.ActsForCitizen)
        {
            return null;
        }

        var assignment = await db.QuestionnaireAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.RespondentUserId == null, cancellationToken);
        if (assignment is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleAsync(i => i.Id == assignment.InstrumentId, cancellationToken);
        var record = await FindCourseAsync(assignment.CourseId, instrument.Category, AccessPurpose.Coordination, cancellationToken);
        if (record is null || record.Decision.BasisKind is not (AccessBasisKind.Self or AccessBasisKind.Proxy) || record.Citizen.Id != assignment.CitizenId)
        {
            return null;
        }

        var response = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.AssignmentId == assignment.Id)
            .OrderByDescending(r => r.AuthoredAt)
            .FirstOrDefaultAsync(cancellationToken);
        log.Record(record.Citizen.Id, instrument.Category, AccessAction.Read, "QuestionnaireAssignment", assignment.Id, record.Decision);
        return (record, new QuestionnaireAssignmentRecord(assignment, instrument, response));
    }

    /// <summary>
    /// A course on which the signed-in professional may assign or enter <paramref name="instrument"/>: staff on the
    /// course's active network, whose access covers the instrument's category. Null (404) otherwise.
    /// </summary>
    public async Task<CourseRecord?> FindCourseForQuestionnaireAsync(Guid courseId, Instrument instrument, CancellationToken cancellationToken)
    {
        if (!user.IsProfessional)
        {
            return null;
        }

        var record = await FindCourseAsync(courseId, instrument.Category, AccessPurpose.Coordination, cancellationToken);
        if (record is null || !await MayChangeAsync(record, cancellationToken))
        {
            return null;
        }

        var actor = await actors.GetAsync(cancellationToken);
        var today = CopenhagenTime.Today(time);
        var onNetwork = record.Course.Members.Any(m => m.PractitionerRoleId is { } roleId && actor.PractitionerRoleIds.Contains(roleId) && (m.ActiveTo is null || m.ActiveTo > today));
        return onNetwork ? record : null;
    }

    /// <summary>An assignment of the course for a professional to withdraw (tracked); null (404) unless they may assign its instrument on the course.</summary>
    public async Task<(CourseRecord Course, QuestionnaireAssignment Assignment, Instrument Instrument)?> FindAssignmentForChangeAsync(Guid courseId, Guid assignmentId, CancellationToken cancellationToken)
    {
        var assignment = await db.QuestionnaireAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.CourseId == courseId && a.RespondentUserId == null, cancellationToken);
        if (assignment is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleAsync(i => i.Id == assignment.InstrumentId, cancellationToken);
        var record = await FindCourseForQuestionnaireAsync(courseId, instrument, cancellationToken);
        return record is null ? null : (record, assignment, instrument);
    }

    /// <summary>
    /// A citizen-answered response of the course to mark entered in error (tracked): a professional who may assign its
    /// instrument on the course, or whoever wrote it (the citizen, their proxy). Null (404) otherwise.
    /// </summary>
    public async Task<(CourseRecord Course, QuestionnaireResponse Response, Instrument Instrument)?> FindResponseForChangeAsync(Guid courseId, Guid responseId, CancellationToken cancellationToken)
    {
        var response = await db.QuestionnaireResponses.SingleOrDefaultAsync(r => r.Id == responseId && r.CourseId == courseId && r.RespondentArea == null, cancellationToken);
        if (response is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleAsync(i => i.Id == response.InstrumentId, cancellationToken);
        if (!instrument.AnsweredByCitizen)
        {
            return null;
        }

        var record = await FindCourseForQuestionnaireAsync(courseId, instrument, cancellationToken);
        if (record is null && response.AuthorUserId == user.UserId)
        {
            record = await FindCourseAsync(courseId, instrument.Category, AccessPurpose.Coordination, cancellationToken);
        }

        return record is null ? null : (record, response, instrument);
    }

    /// <summary>One response for display (its answers and scores); null (404) unless the reader may read its instrument's category. Logged.</summary>
    public async Task<(CourseRecord Course, QuestionnaireResponseRecord Response)?> ReadQuestionnaireResponseAsync(Guid courseId, Guid responseId, CancellationToken cancellationToken)
    {
        var response = await db.QuestionnaireResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == responseId && r.CourseId == courseId && r.RespondentArea == null, cancellationToken);
        if (response is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleAsync(i => i.Id == response.InstrumentId, cancellationToken);
        var record = instrument.AnsweredByCitizen ? await FindCourseAsync(courseId, instrument.Category, AccessPurpose.Coordination, cancellationToken) : null;
        if (record is null)
        {
            return null;
        }

        log.Record(record.Citizen.Id, instrument.Category, AccessAction.Read, "QuestionnaireResponse", response.Id, record.Decision);
        await log.CommitAsync(cancellationToken);
        return (record, new QuestionnaireResponseRecord(response, instrument));
    }

    /// <summary>Candidates for the "questionnaire assigned" notice: the citizen's own account and their proxies' (the notice service applies the policy).</summary>
    public async Task<IReadOnlyList<Guid>> QuestionnaireRespondentAccountsAsync(Guid citizenId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.CitizenId == citizenId).Select(u => u.Id).ToListAsync(cancellationToken);

    private async Task<(IReadOnlyList<QuestionnaireAssignmentRecord> Assignments, IReadOnlyList<QuestionnaireResponseRecord> Responses)> PermittedQuestionnairesAsync(Domain.Courses.Course course, CancellationToken cancellationToken)
    {
        var assignments = await db.QuestionnaireAssignments.AsNoTracking()
            .Where(a => a.CourseId == course.Id && a.RespondentUserId == null)
            .OrderByDescending(a => a.AssignedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var responses = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.CourseId == course.Id && r.RespondentArea == null)
            .OrderByDescending(r => r.AuthoredAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var instrumentIds = assignments.Select(a => a.InstrumentId).Concat(responses.Select(r => r.InstrumentId)).Distinct().ToList();
        var instruments = await db.Instruments.AsNoTracking().Where(i => instrumentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);

        var decisions = new Dictionary<InformationCategory, AccessDecision>();
        async Task<AccessDecision?> PermittedAsync(Instrument instrument)
        {
            if (!instrument.AnsweredByCitizen)
            {
                return null;
            }

            if (!decisions.TryGetValue(instrument.Category, out var decision))
            {
                decision = await DecideAsync(SubjectOf(course), instrument.Category, cancellationToken);
                decisions[instrument.Category] = decision;
            }

            return decision.Permitted ? decision : null;
        }

        var permittedResponses = new List<QuestionnaireResponseRecord>();
        foreach (var response in responses)
        {
            var instrument = instruments[response.InstrumentId];
            if (await PermittedAsync(instrument) is { } decision)
            {
                permittedResponses.Add(new QuestionnaireResponseRecord(response, instrument));
                log.Record(course.CitizenId, instrument.Category, AccessAction.Read, "QuestionnaireResponse", response.Id, decision);
            }
        }

        var permittedAssignments = new List<QuestionnaireAssignmentRecord>();
        foreach (var assignment in assignments)
        {
            var instrument = instruments[assignment.InstrumentId];
            if (await PermittedAsync(instrument) is { } decision)
            {
                var response = permittedResponses.Where(r => r.Response.AssignmentId == assignment.Id).Select(r => r.Response).FirstOrDefault();
                permittedAssignments.Add(new QuestionnaireAssignmentRecord(assignment, instrument, response));
                log.Record(course.CitizenId, instrument.Category, AccessAction.Read, "QuestionnaireAssignment", assignment.Id, decision);
            }
        }

        return (permittedAssignments, permittedResponses);
    }
}
