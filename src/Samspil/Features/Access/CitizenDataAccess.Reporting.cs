using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Plans;
using Samspil.Domain.Reporting;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A course's facts for the dashboard, with the ids needed to join other sources (admissions). The ids never leave the reporting service.</summary>
public sealed record ReportingCourse(Guid CourseId, Guid CitizenId, CourseFacts Facts);

/// <summary>
/// Reporting: the work attachment recorded on a course (category <see cref="InformationCategory.WorkAndIncome"/>)
/// and the facts behind the steering group's dashboard.
/// </summary>
public sealed partial class CitizenDataAccess
{
    private const InformationCategory WorkCategory = InformationCategory.WorkAndIncome;

    /// <summary>
    /// The facts of every course the user's steering scope (<see cref="AccessActorProvider.SteeringScopeAsync"/>:
    /// the account's organisation and every unit below it) is responsible for or recorded, that overlap the
    /// period. Only administrators and managers (leder) get anything, and only the reporting service asks.
    /// <para>
    /// Nothing is written to the access log: what leaves the reporting service is suppressed aggregates
    /// about no identifiable citizen, and an entry per citizen for every dashboard view would fill each
    /// citizen's own log with reads of their data that never happened (ADR 0009).
    /// </para>
    /// </summary>
    public async Task<IReadOnlyList<ReportingCourse>> ReportingFactsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (!user.SeesSteeringFigures)
        {
            return [];
        }

        var scope = (await actors.SteeringScopeAsync(cancellationToken)).Select(id => (Guid?)id).ToList();
        if (scope.Count == 0)
        {
            return [];
        }

        var courses = db.Courses.AsNoTracking().Where(c =>
            (scope.Contains(c.RegionOrganizationId) || scope.Contains(c.MunicipalityOrganizationId) || scope.Contains(c.RecordedByOrganizationId))
            && c.StartDate <= to && (c.EndDate == null || c.EndDate >= from));
        var courseIds = courses.Select(c => c.Id);

        var rows = await courses
            .Select(c => new { c.Id, c.CitizenId, c.TargetGroupCode, c.RegionOrganizationId, c.MunicipalityOrganizationId, c.RecordedByOrganizationId, c.StartDate, c.EndDate, c.TreatmentStartedAt, c.MunicipalityToldAt })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var phases = (await db.PhaseTransitions.AsNoTracking()
                .Where(t => courseIds.Contains(t.CourseId))
                .Select(t => new { t.CourseId, t.At, t.ToPhase })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.CourseId, t => new PhaseOn(CopenhagenTime.DateOf(t.At), t.ToPhase));

        var citizenIds = courses.Select(c => c.CitizenId);
        var consents = (await db.Consents.AsNoTracking()
                .Where(k => citizenIds.Contains(k.CitizenId))
                .Select(k => new { k.CitizenId, k.ValidFrom, k.ValidTo, k.Status, k.StatusChangedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(k => k.CitizenId, k => InForce(k.ValidFrom, k.ValidTo, k.Status, k.StatusChangedAt))
            .ToDictionary(g => g.Key, g => g.OfType<DatePeriod>().ToList());

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => courseIds.Contains(m.CourseId) && m.Status == MeetingStatus.Held)
            .Select(m => new { m.Id, m.CourseId, m.Kind, m.Start, m.HeldAt, m.AgendaSharedAt, m.MinutesApprovedAt })
            .ToListAsync(cancellationToken);
        var sectors = (await (
                    from meeting in db.Meetings
                    where courseIds.Contains(meeting.CourseId) && meeting.Status == MeetingStatus.Held
                    from participant in meeting.Participants
                    where participant.Attendance != Attendance.Absent
                    join member in db.NetworkMembers on participant.MemberId equals member.Id
                    join role in db.PractitionerRoles on member.PractitionerRoleId equals role.Id
                    join organization in db.Organizations on role.OrganizationId equals organization.Id
                    select new { MeetingId = meeting.Id, organization.Sector })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.MeetingId, s => s.Sector);
        var meetingFacts = meetings.ToLookup(
            m => m.CourseId,
            m =>
            {
                var date = m.Start ?? m.HeldAt;
                return new MeetingFacts(
                    m.Kind,
                    Held: true,
                    date is { } d ? CopenhagenTime.DateOf(d) : null,
                    (m.HeldAt ?? m.Start) is { } h ? CopenhagenTime.DateOf(h) : null,
                    m.AgendaSharedAt is { } a ? CopenhagenTime.DateOf(a) : null,
                    m.MinutesApprovedAt is { } approved ? CopenhagenTime.DateOf(approved) : null,
                    sectors[m.Id].ToHashSet());
            });

        var overdue = (await (
                    from action in db.PlanActions.AsNoTracking()
                    join plan in db.CarePlans on action.PlanId equals plan.Id
                    where courseIds.Contains(plan.CourseId)
                        && (action.Status == ActionStatus.Planned || action.Status == ActionStatus.InProgress || action.Status == ActionStatus.Blocked)
                    select new { plan.CourseId, action.DueDate })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.CourseId, a => a.DueDate);

        var work = (await db.WorkAttachments.AsNoTracking()
                .Where(w => courseIds.Contains(w.CourseId))
                .Select(w => new { w.CourseId, w.Point, w.Status })
                .ToListAsync(cancellationToken))
            .ToLookup(w => w.CourseId);

        return rows.Select(c => new ReportingCourse(
                c.Id,
                c.CitizenId,
                new CourseFacts(
                    c.TargetGroupCode,
                    c.RegionOrganizationId,
                    c.MunicipalityOrganizationId,
                    c.RecordedByOrganizationId,
                    c.StartDate,
                    c.EndDate,
                    phases[c.Id].ToList(),
                    c.TreatmentStartedAt is { } started ? CopenhagenTime.DateOf(started) : null,
                    c.MunicipalityToldAt is { } told ? CopenhagenTime.DateOf(told) : null,
                    consents.GetValueOrDefault(c.CitizenId) ?? [],
                    meetingFacts[c.Id].ToList(),
                    overdue[c.Id].ToList(),
                    work[c.Id].Where(w => w.Point == WorkAttachmentPoint.CourseEnd).Select(w => (WorkAttachmentStatus?)w.Status).SingleOrDefault(),
                    work[c.Id].Where(w => w.Point == WorkAttachmentPoint.SixMonthsAfter).Select(w => (WorkAttachmentStatus?)w.Status).SingleOrDefault())))
            .ToList();
    }

    /// <summary>
    /// A course whose work attachment the user may record: staff permitted to read its work and income
    /// information, and either from the organisation that recorded the course or on its network — today,
    /// or when the course ended (the network's memberships end with the course, and the six-month
    /// follow-up comes long after). The caller records the change and commits.
    /// </summary>
    public async Task<CourseRecord?> FindCourseForWorkAttachmentAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return null;
        }

        var record = await FindCourseAsync(courseId, WorkCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var actor = await actors.GetAsync(cancellationToken);
        var today = CopenhagenTime.Today(time);
        var end = record.Course.EndDate;
        var onNetwork = record.Course.Members.Any(m =>
            m.PractitionerRoleId is { } roleId && actor.PractitionerRoleIds.Contains(roleId)
            && (m.ActiveTo is null || m.ActiveTo > today || (end is { } e && m.ActiveTo >= e)));
        return onNetwork || record.Decision.BasisKind == AccessBasisKind.OwnRecords ? record : null;
    }

    /// <summary>The work attachments recorded on a course (tracked, for change).</summary>
    public async Task<IReadOnlyList<WorkAttachment>> WorkAttachmentsForChangeAsync(Guid courseId, CancellationToken cancellationToken) =>
        await db.WorkAttachments.Where(w => w.CourseId == courseId).ToListAsync(cancellationToken);

    /// <summary>A course's work attachments; null (404) unless the user may read its work and income information. Logged.</summary>
    public async Task<(CourseRecord Course, IReadOnlyList<WorkAttachment> Attachments)?> ReadWorkAttachmentsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, WorkCategory, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var attachments = await db.WorkAttachments.AsNoTracking().Where(w => w.CourseId == courseId).OrderBy(w => w.Point).ToListAsync(cancellationToken);
        log.Record(record.Citizen.Id, WorkCategory, AccessAction.Read, "WorkAttachment", courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return (record, attachments);
    }

    /// <summary>When a consent version was in force: its validity, cut short the day before it was revoked or superseded.</summary>
    private static DatePeriod? InForce(DateOnly validFrom, DateOnly validTo, ConsentStatus status, DateTimeOffset? changedAt)
    {
        var to = status != ConsentStatus.Active && changedAt is { } changed ? Min(validTo, CopenhagenTime.DateOf(changed).AddDays(-1)) : validTo;
        return to < validFrom ? null : new DatePeriod(validFrom, to);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
