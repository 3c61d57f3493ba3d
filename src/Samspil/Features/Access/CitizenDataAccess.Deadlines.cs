using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Deadlines;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A course read for its statutory deadlines: those in the categories the reader may read, and whether some were left out.</summary>
public sealed record DeadlinesRecord(CourseRecord Course, IReadOnlyList<CourseDeadline> Deadlines, bool SomeHidden);

/// <summary>
/// Statutory deadlines on a course (issue 17 point 8, docs/deadlines.md). The course is found in "status og aftaler" (else
/// 404); each deadline is shown only if the reader may read its own category — a sickness-benefit deadline is work and income,
/// a driving-ban review health and treatment — and each category shown is logged as one read.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>Reads a course's deadlines that the user may read; null (404) unless they may read the course's status. Logged.</summary>
    public async Task<DeadlinesRecord?> ReadDeadlinesAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var all = await db.CourseDeadlines.AsNoTracking().Where(d => d.CourseId == courseId).ToListAsync(cancellationToken);
        var visible = new List<CourseDeadline>();
        var hidden = false;
        foreach (var group in all.GroupBy(d => d.Category))
        {
            var decision = await DecideAsync(SubjectOf(record.Course), group.Key, AccessPurpose.Coordination, cancellationToken);
            if (!decision.Permitted)
            {
                hidden = true;
                continue;
            }

            visible.AddRange(group);
            log.Record(record.Citizen.Id, group.Key, AccessAction.Read, "CourseDeadline", courseId, decision);
        }

        if (visible.Count == 0)
        {
            log.Record(record.Citizen.Id, InformationCategory.StatusAndAppointments, AccessAction.Read, "CourseDeadline", courseId, record.Decision);
        }

        await log.CommitAsync(cancellationToken);
        return new DeadlinesRecord(record, visible, hidden);
    }

    /// <summary>
    /// A course on which the user may start or change deadlines: staff who may change the course. Null (404) otherwise, as for
    /// the course's other records; a citizen or proxy who may read it is refused (403). The caller checks the deadline's own category
    /// (<see cref="MayReadCategoryAsync"/>), records the change and commits.
    /// </summary>
    public async Task<CourseRecord?> FindDeadlinesForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (record.Decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy)
        {
            throw new Domain.Common.DomainException("Deadline.Forbidden");
        }

        return await MayChangeAsync(record, cancellationToken) ? record : null;
    }

    /// <summary>The decision for one category of a course already found (e.g. a job-centre deadline needs work and income).</summary>
    public Task<AccessDecision> DecideCategoryAsync(CourseRecord record, InformationCategory category, CancellationToken cancellationToken) =>
        DecideAsync(SubjectOf(record.Course), category, AccessPurpose.Coordination, cancellationToken);

    /// <summary>One deadline of the course, tracked for change (null when it is not the course's).</summary>
    public Task<CourseDeadline?> DeadlineForChangeAsync(Guid courseId, Guid deadlineId, CancellationToken cancellationToken) =>
        db.CourseDeadlines.SingleOrDefaultAsync(d => d.Id == deadlineId && d.CourseId == courseId, cancellationToken);

    /// <summary>Open deadlines of the course started from the same frame deadline (one may run at a time).</summary>
    public Task<bool> DeadlineRunningAsync(Guid courseId, OrganizationKind kind, string name, CancellationToken cancellationToken) =>
        db.CourseDeadlines.Where(CourseDeadline.IsRunning).AnyAsync(d => d.CourseId == courseId && d.Kind == kind && d.Name == name, cancellationToken);

    /// <summary>
    /// The course's dates a deadline may run from (its start, the start of treatment, and — only for a reader who may read work
    /// and income — the latest clarification of the income basis). Part of starting a deadline; the caller logs the change.
    /// </summary>
    public async Task<DateOnly?> CourseEventDateAsync(CourseRecord record, Domain.Frames.DeadlineStartEvent startEvent, CancellationToken cancellationToken)
    {
        switch (startEvent)
        {
            case Domain.Frames.DeadlineStartEvent.CourseStart:
                return record.Course.StartDate;
            case Domain.Frames.DeadlineStartEvent.TreatmentStart:
                return record.Course.TreatmentStartedAt is { } started ? CopenhagenTime.DateOf(started) : null;
            case Domain.Frames.DeadlineStartEvent.IncomeBasisClarified:
                var decision = await DecideCategoryAsync(record, InformationCategory.WorkAndIncome, cancellationToken);
                if (!decision.Permitted)
                {
                    return null;
                }

                var latest = await db.IncomeBasisEntries.AsNoTracking().Where(e => e.CourseId == record.Course.Id)
                    .OrderByDescending(e => e.ClarifiedOn).ThenByDescending(e => e.RecordedAt).Select(e => (DateOnly?)e.ClarifiedOn).FirstOrDefaultAsync(cancellationToken);
                if (latest is not null)
                {
                    log.Record(record.Citizen.Id, InformationCategory.WorkAndIncome, AccessAction.Read, "IncomeBasis", record.Course.Id, decision);
                }

                return latest;
            default:
                return null;
        }
    }

    /// <summary>
    /// Reminders: open deadlines with a reminder whose window has begun on <paramref name="today"/>, on courses not ended.
    /// Samspil's own processing; whom it tells is decided per recipient by the policy.
    /// </summary>
    public async Task<IReadOnlyList<(Course Course, CourseDeadline Deadline, DateOnly Due)>> DeadlinesToRemindAsync(DateOnly today, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var open = await db.CourseDeadlines.AsNoTracking()
            .Where(CourseDeadline.IsRunning)
            .Where(d => d.RemindDaysBefore != null)
            .ToListAsync(cancellationToken);
        var due = open.Select(d => (Deadline: d, Due: d.NextDue))
            .Where(x => x.Due is { } date && DeadlineSchedule.RemindOn(date, x.Deadline.RemindDaysBefore) <= today)
            .ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var courseIds = due.Select(x => x.Deadline.CourseId).Distinct().ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id) && (c.EndDate == null || c.EndDate > today)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return due.Where(x => courses.ContainsKey(x.Deadline.CourseId)).Select(x => (courses[x.Deadline.CourseId], x.Deadline, x.Due!.Value)).ToList();
    }

    /// <summary>Reminders: the accounts of the course's active professional members from organisations of <paramref name="kind"/>. Candidates only.</summary>
    public async Task<IReadOnlyList<Guid>> KindMemberAccountsAsync(Course course, OrganizationKind kind, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var today = CopenhagenTime.Today(time);
        var professionalIds = await db.NetworkMembers.AsNoTracking()
            .Where(m => m.CourseId == course.Id && m.PractitionerRoleId != null && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo > today))
            .Join(db.PractitionerRoles.Where(r => r.Active), m => m.PractitionerRoleId, r => (Guid?)r.Id, (m, r) => r)
            .Join(db.Organizations.Where(o => o.Kind == kind), r => r.OrganizationId, o => o.Id, (r, _) => r.ProfessionalId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return await AccountsOfProfessionalsAsync(professionalIds, cancellationToken);
    }
}
