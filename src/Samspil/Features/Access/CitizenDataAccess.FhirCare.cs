using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Plans;

namespace Samspil.Features.Access;

/// <summary>
/// The FHIR API's reads of courses' plans (issue 20: CarePlan, Goal, Task): many plans in one go for a search, and the
/// course a plan item belongs to for a read by id. Same category (<see cref="Plan"/>), same policy, same log as the plan page.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The plans (with their courses and networks) the user may read, optionally of one citizen: candidates in one query,
    /// each decided by the policy in "plan og mål", the permitted plans loaded together and each logged as read before it
    /// is returned. Courses without a plan are left out.
    /// </summary>
    public async Task<IReadOnlyList<PlanRecord>> ListPlansAsync(Guid? citizenId, CancellationToken cancellationToken, int limit = 500, bool withGoals = true)
    {
        var query = await CandidatesAsync(cancellationToken);
        if (citizenId is { } id)
        {
            query = query.Where(c => c.Citizen.Id == id);
        }

        var candidates = await query.Where(c => db.CarePlans.Any(p => p.CourseId == c.Course.Id)).ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var permitted = new List<CourseRecord>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), Plan, cancellationToken);
            if (decision.Permitted)
            {
                permitted.Add(new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision));
                if (permitted.Count == limit)
                {
                    break;
                }
            }
        }

        if (permitted.Count == 0)
        {
            return [];
        }

        // The networks (action owners) of the permitted courses, fixed up onto the tracked courses by EF.
        var courseIds = permitted.Select(r => r.Course.Id).ToList();
        await db.NetworkMembers.Where(m => courseIds.Contains(m.CourseId)).LoadAsync(cancellationToken);
        // The Task search needs only the actions: without goals and sub-goals it is two round trips fewer.
        var planQuery = db.CarePlans.Include(p => p.Actions).AsQueryable();
        if (withGoals)
        {
            planQuery = planQuery.Include(p => p.Goals).ThenInclude(g => g.SubGoals);
        }

        var plans = await planQuery
            .AsSplitQuery()
            .AsNoTracking()
            .Where(p => courseIds.Contains(p.CourseId))
            .ToDictionaryAsync(p => p.CourseId, cancellationToken);
        var result = new List<PlanRecord>();
        foreach (var record in permitted)
        {
            if (plans.GetValueOrDefault(record.Course.Id) is { } plan)
            {
                log.Record(record.Citizen.Id, Plan, AccessAction.Read, "CarePlan", plan.Id, record.Decision);
                result.Add(new PlanRecord(record, plan));
            }
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Loads the networks of courses already read (the FHIR CareTeam of a search): one query, fixed up onto the tracked courses.</summary>
    public async Task LoadNetworksAsync(IReadOnlyList<CourseRecord> records, CancellationToken cancellationToken)
    {
        var courseIds = records.Select(r => r.Course.Id).Distinct().ToList();
        if (courseIds.Count > 0)
        {
            await db.NetworkMembers.Where(m => courseIds.Contains(m.CourseId)).LoadAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The course whose plan holds this plan, goal, sub-goal or action id; null when there is none. Reveals nothing by
    /// itself: the caller reads the plan through <see cref="ReadPlanAsync"/>, which decides (404) and logs.
    /// </summary>
    public async Task<Guid?> CourseOfPlanItemAsync(Guid itemId, CancellationToken cancellationToken)
    {
        var planId = await db.CarePlans.Where(p => p.Id == itemId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await db.PlanActions.Where(a => a.Id == itemId).Select(a => (Guid?)a.PlanId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Set<PlanGoal>().Where(g => g.Id == itemId).Select(g => (Guid?)g.PlanId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Set<SubGoal>().Where(s => s.Id == itemId).Join(db.Set<PlanGoal>(), s => s.GoalId, g => g.Id, (s, g) => (Guid?)g.PlanId).FirstOrDefaultAsync(cancellationToken);
        return planId is { } plan
            ? await db.CarePlans.Where(p => p.Id == plan).Select(p => (Guid?)p.CourseId).FirstOrDefaultAsync(cancellationToken)
            : null;
    }
}
