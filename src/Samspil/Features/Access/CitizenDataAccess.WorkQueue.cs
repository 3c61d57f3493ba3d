using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>The work queue's own reads (issue 21): what in the user's networks needs them, each part in its category.</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// Consents in force that end within <paramref name="days"/> days, for the citizens of courses whose active
    /// network the user is on and whose status the user may read; only consents the user may see (see
    /// <see cref="VisibleConsentsAsync"/>). Each course with one is logged as a read of its status.
    /// </summary>
    public async Task<IReadOnlyList<(CourseRecord Course, IReadOnlyList<Consent> Expiring)>> MyExpiringConsentsAsync(DateOnly today, int days, CancellationToken cancellationToken)
    {
        var result = new List<(CourseRecord, IReadOnlyList<Consent>)>();
        var citizens = new HashSet<Guid>();
        foreach (var record in await MyNetworkCoursesAsync(InformationCategory.StatusAndAppointments, cancellationToken))
        {
            if (!citizens.Add(record.Citizen.Id))
            {
                continue; // one citizen's consents are shown once, under the first of their courses
            }

            var expiring = (await VisibleConsentsAsync(record.Citizen.Id, cancellationToken)).Where(k => k.ExpiresWithin(today, days)).ToList();
            if (expiring.Count > 0)
            {
                result.Add((record, expiring));
                log.Record(record.Citizen.Id, InformationCategory.StatusAndAppointments, AccessAction.Read, "ExpiringConsents", record.Course.Id, record.Decision);
            }
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Hospital timelines of the citizens on whose active network the user is, where the citizen has a hospital
    /// event since <paramref name="since"/> or a stay without an end. Each is read through
    /// <see cref="ReadHospitalEventsAsync"/>, so only events the user may read at citizen level come back, and are logged.
    /// </summary>
    public async Task<IReadOnlyList<HospitalTimeline>> MyRecentHospitalStaysAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        var roles = actor.PractitionerRoleIds.ToList();
        if (roles.Count == 0)
        {
            return [];
        }

        var today = CopenhagenTime.Today(time);
        var courseIds = await OnActiveNetworkOf(await CandidatesAsync(cancellationToken), roles, today)
            .Where(c => db.HospitalEvents.Any(e => e.CitizenId == c.Citizen.Id && (e.OccurredAt >= since || e.StayEnd == null)))
            .Select(c => new { c.Course.Id, CitizenId = c.Citizen.Id })
            .ToListAsync(cancellationToken);
        var result = new List<HospitalTimeline>();
        foreach (var course in courseIds.DistinctBy(c => c.CitizenId))
        {
            if (await ReadHospitalEventsAsync(course.Id, cancellationToken) is { Events.Count: > 0 } timeline)
            {
                result.Add(timeline);
            }
        }

        return result;
    }

    /// <summary>Which course an action's plan belongs to (to decide access on it); null when there is no such action. Reveals nothing.</summary>
    public Task<Guid?> CourseOfActionAsync(Guid actionId, CancellationToken cancellationToken) =>
        db.PlanActions.Where(a => a.Id == actionId)
            .Join(db.CarePlans, a => a.PlanId, p => p.Id, (a, p) => (Guid?)p.CourseId)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Courses on whose active network the user is, that the user may read in <paramref name="category"/>; not logged (the caller logs what it shows).</summary>
    private async Task<IReadOnlyList<CourseRecord>> MyNetworkCoursesAsync(InformationCategory category, CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        var roles = actor.PractitionerRoleIds.ToList();
        if (roles.Count == 0)
        {
            return [];
        }

        var today = CopenhagenTime.Today(time);
        var candidates = await OnActiveNetworkOf(await CandidatesAsync(cancellationToken), roles, today).ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var result = new List<CourseRecord>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), category, cancellationToken);
            if (decision.Permitted)
            {
                result.Add(new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision));
            }
        }

        return result;
    }
}
