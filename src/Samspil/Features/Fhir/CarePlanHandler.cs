using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Fhir;

/// <summary>
/// CarePlan = a course's shared plan (one per course), read in "plan og mål" like the plan page. Search by <c>patient</c>,
/// <c>status</c> (active, completed) and <c>date</c> (the plan's start); <c>_include=CarePlan:goal</c> adds its goals and
/// sub-goals, <c>_include=CarePlan:activity-reference</c> its actions (Tasks) — from the same permitted, logged read.
/// </summary>
public sealed class CarePlanHandler(CitizenDataAccess access, TimeProvider time) : IFhirResourceHandler
{
    public const string IncludeGoal = "CarePlan:goal";
    public const string IncludeActivity = "CarePlan:activity-reference";

    public string ResourceType => "CarePlan";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen: Patient/{id}."),
        new("status", SearchParamType.Token, "active | completed (comma for OR)."),
        new("date", SearchParamType.Date, "The day the plan was made (period.start)."),
    ];

    public IReadOnlyList<string> Includes { get; } = [IncludeGoal, IncludeActivity];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        await FhirCarePlans.ReadAsync(access, id, cancellationToken) is { Plan: { } plan } record && plan.Id.ToString("D") == id
            ? FhirCare.ToCarePlan(record, CopenhagenTime.Today(time))
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var statuses = FhirCareSearch.Codes(search, "status", ["active", "completed"]);
        var dates = search.Dates("date");
        var matches = (await FhirCareSearch.PlansAsync(access, search, cancellationToken))
            .Where(r => dates.All(d => d.Matches(CopenhagenTime.DateOf(r.Plan!.CreatedAt))))
            .Select(r => (Record: r, CarePlan: FhirCare.ToCarePlan(r, today)))
            .Where(m => FhirCareSearch.IdMatches(search, m.CarePlan))
            .Where(m => statuses.Count == 0 || statuses.Contains(m.CarePlan.Status!.Value.GetLiteral()))
            .OrderBy(m => m.Record.Plan!.CreatedAt).ThenBy(m => m.Record.Plan!.Id)
            .ToList();
        var page = FhirSearchResult.Page([.. matches.Select(m => (Resource)m.CarePlan)], search);
        if (search.Includes.Count == 0)
        {
            return page;
        }

        var shown = page.Matches.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var included = new List<Resource>();
        foreach (var record in matches.Where(m => shown.Contains(m.CarePlan.Id)).Select(m => m.Record))
        {
            if (search.Includes.Contains(IncludeGoal))
            {
                included.AddRange(FhirCare.ToGoals(record));
            }

            if (search.Includes.Contains(IncludeActivity))
            {
                included.AddRange(record.Plan!.Actions.OrderBy(a => a.CreatedAt).Select(a => FhirCare.ToTask(record, a)));
            }
        }

        return page with { Included = included };
    }
}

/// <summary>Reading one plan item (plan, goal, sub-goal, action) by id: find its course, then read the plan through the policy (404 otherwise).</summary>
public static class FhirCarePlans
{
    public static async Task<PlanRecord?> ReadAsync(CitizenDataAccess access, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var itemId) && await access.CourseOfPlanItemAsync(itemId, cancellationToken) is { } courseId
            ? await access.ReadPlanAsync(courseId, cancellationToken) is { Plan: not null } record ? record : null
            : null;
}
