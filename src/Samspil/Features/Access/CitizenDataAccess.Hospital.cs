using Samspil.Domain.Citizens;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Admissions;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A course's hospital events as the reader may see them, and the citizen's current hospital situation.</summary>
public sealed record HospitalTimeline(CourseRecord Record, IReadOnlyList<HospitalEvent> Events, AdmissionState State);

/// <summary>Hospital notifications: Samspil's own processing (system only) and the course timeline (decided and logged per reader).</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// A course's hospital events for the signed-in user, in the category status and appointments (the
    /// same as the notices about them): null (404) unless the user may read the course's status; then
    /// only the events the user may read at citizen level (ADR 0013). Logged as one read when any is shown.
    /// </summary>
    public async Task<HospitalTimeline?> ReadHospitalEventsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        const InformationCategory category = InformationCategory.StatusAndAppointments;
        var record = await FindCourseAsync(courseId, category, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var events = await db.HospitalEvents.AsNoTracking()
            .Where(e => e.CitizenId == record.Citizen.Id)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.ReceivedAt)
            .ToListAsync(cancellationToken);
        // Hospital stays belong to the citizen, not to this course: each is decided at citizen level (the
        // citizen, a proxy, a consent), never by who registered the course (ADR 0013). Each event is dated by
        // when it happened, so a consent's "hear me where I am now" cut-off applies.
        var permitted = new List<HospitalEvent>();
        AccessDecision? basis = null;
        foreach (var e in events)
        {
            var day = DateOnly.FromDateTime(CopenhagenTime.ToLocal(e.OccurredAt).DateTime);
            var decision = await DecideCitizenLevelAsync(record.Citizen.Id, cancellationToken, day);
            if (decision.Permitted)
            {
                permitted.Add(e);
                basis ??= decision;
            }
        }

        if (basis is not null)
        {
            log.Record(record.Citizen.Id, category, AccessAction.Read, "HospitalEvents", courseId, basis);
        }
        await log.CommitAsync(cancellationToken);
        return new HospitalTimeline(record, permitted, AdmissionState.Of(permitted));
    }

    /// <summary>Samspil's own processing: every hospital event of a citizen, tracked for change. The caller logs with <see cref="AccessDecision.ForSystem"/>.</summary>
    public async Task<IReadOnlyList<HospitalEvent>> HospitalEventsForProcessingAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        return await db.HospitalEvents.Where(e => e.CitizenId == citizenId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Samspil's own processing (issue 17): what a notified hospital stay needs to reach the pseudonymous readmission
    /// screening — the citizen's CPR number (hashed by the caller, never stored) and the municipality code of the
    /// municipality responsible for their newest course (the organisation's own code, or the nearest one above it).
    /// Null when the citizen is not there; the code is null when no course names a municipality with a code.
    /// </summary>
    public async Task<(CprNumber Cpr, string? MunicipalityCode)?> ScreeningResidenceForProcessingAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var cpr = await db.Citizens.AsNoTracking().Where(c => c.Id == citizenId).Select(c => c.Cpr).SingleOrDefaultAsync(cancellationToken);
        if (cpr is null)
        {
            return null;
        }

        var municipalities = await db.Courses.AsNoTracking()
            .Where(c => c.CitizenId == citizenId && c.MunicipalityOrganizationId != null)
            .OrderByDescending(c => c.StartDate)
            .Select(c => c.MunicipalityOrganizationId!.Value)
            .ToListAsync(cancellationToken);
        foreach (var organizationId in municipalities)
        {
            Guid? current = organizationId;
            for (var depth = 0; current is { } id && depth < 20; depth++)
            {
                var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.MunicipalityCode, o.PartOfId }).SingleOrDefaultAsync(cancellationToken);
                if (organization?.MunicipalityCode is { Length: > 0 } code)
                {
                    return (cpr, code);
                }

                current = organization?.PartOfId;
            }
        }

        return (cpr, null);
    }

    /// <summary>Samspil's own processing: the citizen's courses that are open today, with their networks, to tell the people around them.</summary>
    public async Task<IReadOnlyList<Course>> OpenCoursesForProcessingAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        EnsureSystem();
        var today = CopenhagenTime.Today(time);
        return await db.Courses.Include(c => c.Members)
            .Where(c => c.CitizenId == citizenId && (c.EndDate == null || c.EndDate > today))
            .OrderBy(c => c.StartDate)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Who got a notice with this key (to tell them when the event is cancelled).</summary>
    public async Task<IReadOnlyList<Guid>> NotifiedUsersAsync(string deduplicationKey, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.DeduplicationKey == deduplicationKey).Select(n => n.RecipientUserId).Distinct().ToListAsync(cancellationToken);

    /// <summary>Which of these citizens have an open hospital stay now (for <see cref="AccessFacts.CitizenAdmitted"/>).</summary>
    private async Task<IReadOnlySet<Guid>> AdmittedAsync(IReadOnlyCollection<Guid> citizenIds, CancellationToken cancellationToken)
    {
        var stored = await db.HospitalEvents.AsNoTracking()
            .Where(e => citizenIds.Contains(e.CitizenId) && e.Status == HospitalEventStatus.Active)
            .ToListAsync(cancellationToken);

        // Samspil's own processing decides whom to tell with the event it is about to save: tracked events
        // (new, or changed by a correction or cancellation) count as they stand in memory.
        var tracked = db.HospitalEvents.Local.Where(e => citizenIds.Contains(e.CitizenId)).ToList();
        var trackedIds = tracked.Select(e => e.Id).ToHashSet();
        var events = stored.Where(e => !trackedIds.Contains(e.Id)).Concat(tracked);
        return events.GroupBy(e => e.CitizenId).Where(g => AdmissionState.Of(g).Admitted).Select(g => g.Key).ToHashSet();
    }
}
