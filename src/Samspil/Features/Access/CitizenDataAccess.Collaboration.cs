using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A professional on a course's network who is asked about the collaboration, with the side of the tie they answer from.</summary>
public sealed record CollaborationRespondent(Guid UserId, CollaborationArea Area);

/// <summary>The sides (collaboration areas) of a course's network on a day, and the network's professionals with an account.</summary>
public sealed record CollaborationNetwork(IReadOnlySet<CollaborationArea> Areas, IReadOnlyList<CollaborationRespondent> Respondents);

/// <summary>
/// A collaboration questionnaire to answer: the respondent's own assignment on a course they may read, the instrument
/// version it was sent with, the meeting it follows, the respondent's own area and the other areas of the network (the ties).
/// </summary>
public sealed record CollaborationAssignmentRecord(
    CourseRecord Course,
    QuestionnaireAssignment Assignment,
    Instrument Instrument,
    Meeting? Meeting,
    CollaborationArea OwnArea,
    IReadOnlyList<CollaborationArea> PartnerAreas);

/// <summary>A course's collaboration responses (completed, per tie), the meetings they follow and the instrument versions they were answered with.</summary>
public sealed record CollaborationResultsRecord(
    CourseRecord Course,
    IReadOnlyList<QuestionnaireResponse> Responses,
    IReadOnlyList<Meeting> Meetings,
    IReadOnlyList<Instrument> Instruments);

/// <summary>One of the signed-in professional's open collaboration questionnaires, on a course they may still read.</summary>
public sealed record OpenCollaborationAssignment(QuestionnaireAssignment Assignment, CourseRecord Course, Meeting? Meeting);

/// <summary>
/// The collaboration questionnaire's reads (issue 19, R16; docs/questionnaires-collaboration.md). Assignments and
/// answers are course data in <see cref="InformationCategory.MeetingsAndMinutes"/>: that a course's network rated its
/// collaboration after a meeting says something about the citizen's course. Only staff answer and read them; the
/// citizen is never asked and never sees them. Every read is logged; a forbidden thing is null (404).
/// </summary>
public sealed partial class CitizenDataAccess
{
    public const InformationCategory CollaborationCategory = InformationCategory.MeetingsAndMinutes;

    /// <summary>A member counts on the network on a day when their membership covers it, the last day included (a course's end day).</summary>
    public static bool OnNetworkOn(NetworkMember member, DateOnly day) => member.ActiveFrom <= day && (member.ActiveTo is null || member.ActiveTo >= day);

    /// <summary>
    /// The course's network on <paramref name="day"/> (its members already loaded): the areas of its professionals'
    /// organisations and the professionals' accounts, each with their area. Relatives, friends and the citizen are no side.
    /// </summary>
    public async Task<CollaborationNetwork> CollaborationNetworkAsync(Course course, DateOnly day, CancellationToken cancellationToken)
    {
        var roleIds = course.Members
            .Where(m => m.Kind == MemberKind.Professional && m.PractitionerRoleId is not null && OnNetworkOn(m, day))
            .Select(m => m.PractitionerRoleId!.Value)
            .Distinct()
            .ToList();
        if (roleIds.Count == 0)
        {
            return new CollaborationNetwork(new HashSet<CollaborationArea>(), []);
        }

        var roles = await db.PractitionerRoles.AsNoTracking()
            .Where(r => roleIds.Contains(r.Id))
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.ProfessionalId, o.Kind })
            .ToListAsync(cancellationToken);
        var professionalIds = roles.Select(r => r.ProfessionalId).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.ProfessionalId != null && professionalIds.Contains(u.ProfessionalId.Value))
            .Select(u => new { u.Id, ProfessionalId = u.ProfessionalId!.Value })
            .ToListAsync(cancellationToken);
        var respondents = accounts
            .SelectMany(a => roles.Where(r => r.ProfessionalId == a.ProfessionalId).Select(r => new CollaborationRespondent(a.Id, CollaborationAreas.Of(r.Kind))))
            .GroupBy(r => r.UserId)
            .Select(g => g.OrderBy(r => r.Area).First())
            .ToList();
        return new CollaborationNetwork(roles.Select(r => CollaborationAreas.Of(r.Kind)).ToHashSet(), respondents);
    }

    /// <summary>Who already has a collaboration questionnaire for this meeting (or, with none, for the course's end): a repeated event sends nothing new.</summary>
    public async Task<IReadOnlySet<Guid>> CollaborationAlreadySentAsync(Guid courseId, Guid? meetingId, CancellationToken cancellationToken)
    {
        var instruments = db.Instruments.Where(i => i.Purpose == InstrumentPurpose.Collaboration).Select(i => i.Id);
        var query = db.QuestionnaireAssignments.Where(a => a.CourseId == courseId && a.RespondentUserId != null && instruments.Contains(a.InstrumentId));
        query = meetingId is { } id
            ? query.Where(a => a.MeetingId == id)
            : query.Where(a => a.Occasion == AssignmentOccasion.CourseEnd);
        return (await query.Select(a => a.RespondentUserId!.Value).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>
    /// The signed-in respondent's own collaboration assignment on this course, if they may still read the course's
    /// meetings; null (404) for anyone else's, another course's, a citizen's questionnaire or a course no longer
    /// readable. Logged as a read; <paramref name="forAnswer"/> tracks the assignment for the caller's change (the
    /// caller commits).
    /// </summary>
    public async Task<CollaborationAssignmentRecord?> FindCollaborationAssignmentAsync(Guid courseId, Guid assignmentId, bool forAnswer, CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return null;
        }

        var me = user.UserId;
        var assignments = forAnswer ? db.QuestionnaireAssignments : db.QuestionnaireAssignments.AsNoTracking();
        var assignment = await assignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.CourseId == courseId && a.RespondentUserId == me, cancellationToken);
        if (assignment is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleAsync(i => i.Id == assignment.InstrumentId, cancellationToken);
        var record = instrument.Purpose == InstrumentPurpose.Collaboration
            ? await FindCourseAsync(courseId, CollaborationCategory, AccessPurpose.Coordination, cancellationToken)
            : null;
        if (record is null)
        {
            return null;
        }

        var meeting = assignment.MeetingId is { } meetingId
            ? await MeetingsQuery(tracked: false).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            : null;
        var day = CollaborationDay(record.Course, assignment, meeting);
        var network = await CollaborationNetworkAsync(record.Course, day, cancellationToken);
        var actor = await actors.GetAsync(cancellationToken);
        var ownRoles = record.Course.Members.Where(m => m.PractitionerRoleId is { } roleId && actor.PractitionerRoleIds.Contains(roleId)).ToList();
        var own = network.Respondents.FirstOrDefault(r => r.UserId == me)?.Area;
        if (own is null && ownRoles.Count > 0)
        {
            // Off the network on the day (e.g. joined later): their side is still their organisation's.
            own = (await CollaborationNetworkAsync(record.Course, ownRoles.Max(m => m.ActiveFrom), cancellationToken)).Respondents.FirstOrDefault(r => r.UserId == me)?.Area;
        }

        if (own is not { } ownArea)
        {
            return null;
        }

        log.Record(record.Citizen.Id, CollaborationCategory, AccessAction.Read, "QuestionnaireAssignment", assignment.Id, record.Decision);
        if (!forAnswer)
        {
            await log.CommitAsync(cancellationToken);
        }

        var partners = network.Areas.Where(a => a != ownArea).Order().ToList();
        return new CollaborationAssignmentRecord(record, assignment, instrument, meeting, ownArea, partners);
    }

    /// <summary>
    /// A course's collaboration answers for its results page: staff who may read the course's meetings. The citizen and
    /// a proxy get null (404) like anyone not permitted. Logged as one read of the course's collaboration responses.
    /// </summary>
    public async Task<CollaborationResultsRecord?> ReadCollaborationResultsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return null;
        }

        var record = await FindCourseAsync(courseId, CollaborationCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var instruments = await db.Instruments.AsNoTracking().Where(i => i.Purpose == InstrumentPurpose.Collaboration).ToListAsync(cancellationToken);
        var instrumentIds = instruments.Select(i => i.Id).ToList();
        var responses = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.CourseId == courseId && instrumentIds.Contains(r.InstrumentId) && r.Status == ResponseStatus.Completed && r.RespondentArea != null && r.PartnerArea != null)
            .ToListAsync(cancellationToken);
        var meetingIds = responses.Where(r => r.MeetingId is not null).Select(r => r.MeetingId!.Value).Distinct().ToList();
        var meetings = meetingIds.Count == 0 ? [] : await MeetingsQuery(tracked: false).Where(m => meetingIds.Contains(m.Id)).ToListAsync(cancellationToken);
        log.Record(record.Citizen.Id, CollaborationCategory, AccessAction.Read, "CollaborationResponses", courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return new CollaborationResultsRecord(record, responses, meetings, instruments);
    }

    /// <summary>
    /// The signed-in professional's open collaboration questionnaires, on courses whose meetings they may still read
    /// (the others are left out silently). Each course listed is logged as read.
    /// </summary>
    public async Task<IReadOnlyList<OpenCollaborationAssignment>> MyOpenCollaborationAssignmentsAsync(CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return [];
        }

        var me = user.UserId;
        var instruments = db.Instruments.Where(i => i.Purpose == InstrumentPurpose.Collaboration).Select(i => i.Id);
        var open = await db.QuestionnaireAssignments.AsNoTracking()
            .Where(a => a.RespondentUserId == me && a.Status == AssignmentStatus.Open && instruments.Contains(a.InstrumentId))
            .OrderByDescending(a => a.AssignedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }

        var courseIds = open.Select(a => a.CourseId).Distinct().ToList();
        var courses = (await ListCoursesAsync(q => q.Where(c => courseIds.Contains(c.Course.Id)), CollaborationCategory, cancellationToken))
            .ToDictionary(c => c.Course.Id);
        var meetingIds = open.Where(a => a.MeetingId is not null && courses.ContainsKey(a.CourseId)).Select(a => a.MeetingId!.Value).Distinct().ToList();
        var meetings = meetingIds.Count == 0
            ? new Dictionary<Guid, Meeting>()
            : await MeetingsQuery(tracked: false).Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return open
            .Where(a => courses.ContainsKey(a.CourseId))
            .Select(a => new OpenCollaborationAssignment(a, courses[a.CourseId], a.MeetingId is { } id ? meetings.GetValueOrDefault(id) : null))
            .ToList();
    }

    /// <summary>The day whose network an assignment asks about: the meeting's day, or the course's last day.</summary>
    public DateOnly CollaborationDay(Course course, QuestionnaireAssignment assignment, Meeting? meeting) =>
        meeting?.Start is { } start ? CopenhagenTime.DateOf(start)
        : meeting?.HeldAt is { } held ? CopenhagenTime.DateOf(held)
        : course.EndDate ?? CopenhagenTime.DateOf(assignment.AssignedAt);
}
