using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Plans;

namespace Samspil.Features.Access;

/// <summary>A course read for its plan (category "plan og mål"), with the plan when one exists.</summary>
public sealed record PlanRecord(CourseRecord Course, CarePlan? Plan)
{
    public Guid CitizenId => Course.Citizen.Id;
}

/// <summary>Who may change a plan, and how much: staff change all of it; the citizen and proxy their own words and ratings.</summary>
public enum PlanEditor
{
    Staff = 0,
    Citizen = 1,
    Proxy = 2,
}

/// <summary>The shared plan's reads, all in the category <see cref="InformationCategory.PlanAndGoals"/>.</summary>
public sealed partial class CitizenDataAccess
{
    private const InformationCategory Plan = InformationCategory.PlanAndGoals;

    /// <summary>Reads a course's plan; null (404) unless the user may read its plan. The read is logged before it is returned.</summary>
    public async Task<PlanRecord?> ReadPlanAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, Plan, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var plan = await LoadPlanAsync(courseId, tracked: false, cancellationToken);
        log.Record(record.Citizen.Id, Plan, AccessAction.Read, "CarePlan", plan?.Id ?? courseId, record.Decision);
        await log.CommitAsync(cancellationToken);
        return new PlanRecord(record, plan);
    }

    /// <summary>
    /// Finds a plan to change and who is changing it: staff who may change the course, or the
    /// citizen or proxy reading their own. Null (404) otherwise. The caller records the change and commits.
    /// </summary>
    public async Task<(PlanRecord Record, PlanEditor Editor)?> FindPlanForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await FindCourseAsync(courseId, Plan, AccessPurpose.Coordination, cancellationToken);
        if (record is null)
        {
            return null;
        }

        PlanEditor editor;
        if (record.Decision.BasisKind == AccessBasisKind.Self)
        {
            editor = PlanEditor.Citizen;
        }
        else if (record.Decision.BasisKind == AccessBasisKind.Proxy)
        {
            editor = PlanEditor.Proxy;
        }
        else if (await MayChangeAsync(record, cancellationToken))
        {
            editor = PlanEditor.Staff;
        }
        else
        {
            return null;
        }

        return (new PlanRecord(record, await LoadPlanAsync(courseId, tracked: true, cancellationToken)), editor);
    }

    /// <summary>The versions of a plan, newest first (the list only; each version's content is read with <see cref="PlanVersionAsync"/>).</summary>
    public async Task<IReadOnlyList<PlanVersion>> PlanHistoryAsync(PlanRecord record, CancellationToken cancellationToken)
    {
        if (record.Plan is null)
        {
            return [];
        }

        var versions = await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == record.Plan.Id)
            .OrderByDescending(v => v.Version)
            .ToListAsync(cancellationToken);
        log.Record(record.CitizenId, Plan, AccessAction.Read, "CarePlanHistory", record.Plan.Id, record.Course.Decision);
        await log.CommitAsync(cancellationToken);
        return versions;
    }

    /// <summary>Versions of a plan by number, for showing or comparing; logged as a read.</summary>
    public async Task<IReadOnlyList<PlanVersion>> PlanVersionsAsync(PlanRecord record, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken)
    {
        if (record.Plan is null || numbers.Count == 0)
        {
            return [];
        }

        var planId = record.Plan.Id;
        var versions = await db.PlanVersions.AsNoTracking()
            .Where(v => v.PlanId == planId && numbers.Contains(v.Version))
            .ToListAsync(cancellationToken);
        foreach (var version in versions)
        {
            log.Record(record.CitizenId, Plan, AccessAction.Read, "CarePlanVersion", version.Id, record.Course.Decision);
        }

        await log.CommitAsync(cancellationToken);
        return versions;
    }

    /// <summary>
    /// "Mine opgaver": the plans with open actions owned by one of the user's network memberships,
    /// on courses whose plan the user may read. Each plan is logged as read.
    /// </summary>
    public async Task<IReadOnlyList<(PlanRecord Record, IReadOnlySet<Guid> MyMemberIds)>> PlansWithMyOpenActionsAsync(CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        var roles = actor.PractitionerRoleIds.ToList();
        if (roles.Count == 0)
        {
            return [];
        }

        var myMembers = db.NetworkMembers
            .Where(m => m.PractitionerRoleId != null && roles.Contains(m.PractitionerRoleId.Value))
            .Select(m => m.Id);
        var candidates = await (await CandidatesAsync(cancellationToken))
            .Where(c => db.CarePlans.Any(p => p.CourseId == c.Course.Id && db.PlanActions.Any(a =>
                a.PlanId == p.Id
                && a.OwnerMemberId != null && myMembers.Contains(a.OwnerMemberId.Value)
                && (a.Status == ActionStatus.Planned || a.Status == ActionStatus.InProgress || a.Status == ActionStatus.Blocked))))
            .ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);

        var permitted = new List<(CourseCandidate Candidate, AccessDecision Decision)>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), Plan, cancellationToken);
            if (decision.Permitted)
            {
                permitted.Add((candidate, decision));
            }
        }

        // The permitted courses' plans and networks in one load each, not one per course (issue 16: "Mine opgaver" for a
        // worker on twenty courses was nine queries per course). The network members attach to the tracked courses.
        var courseIds = permitted.Select(p => p.Candidate.Course.Id).ToList();
        var plans = new Dictionary<Guid, CarePlan>();
        if (courseIds.Count > 0)
        {
            plans = (await PlansQuery(tracked: false).Where(p => courseIds.Contains(p.CourseId)).ToListAsync(cancellationToken)).ToDictionary(p => p.CourseId);
            await db.NetworkMembers.Where(m => courseIds.Contains(m.CourseId)).LoadAsync(cancellationToken);
        }

        var result = new List<(PlanRecord, IReadOnlySet<Guid>)>();
        foreach (var (candidate, decision) in permitted)
        {
            db.Entry(candidate.Course).Collection(c => c.Members).IsLoaded = true;
            var plan = plans.GetValueOrDefault(candidate.Course.Id);
            var mine = candidate.Course.Members.Where(m => m.PractitionerRoleId is { } role && roles.Contains(role)).Select(m => m.Id).ToHashSet();
            result.Add((new PlanRecord(new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision), plan), mine));
            log.Record(candidate.Citizen.Id, Plan, AccessAction.Read, "CarePlanActions", plan?.Id ?? candidate.Course.Id, decision);
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<CarePlan?> LoadPlanAsync(Guid courseId, bool tracked, CancellationToken cancellationToken) =>
        await PlansQuery(tracked).Where(p => p.CourseId == courseId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Plans with everything the plan page shows (one split query per collection).</summary>
    private IQueryable<CarePlan> PlansQuery(bool tracked)
    {
        var query = db.CarePlans
            .Include(p => p.Problems)
            .Include(p => p.Challenges)
            .Include(p => p.Goals).ThenInclude(g => g.SubGoals)
            .Include(p => p.Actions)
            .Include(p => p.Reviews)
            .Include(p => p.Ratings)
            .AsSplitQuery();
        return tracked ? query : query.AsNoTracking();
    }
}
