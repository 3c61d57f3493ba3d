using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Samspil.Features.Access;

namespace Samspil.Features.Fhir;

/// <summary>
/// Goal = a shared goal (mål) or a sub-goal (delmål) of a plan, read in "plan og mål". A goal names its sub-goals with the
/// core <c>goal-relationship</c> extension (type milestone); a sub-goal names its goal with Samspil's <c>parent-goal</c>.
/// Search by <c>patient</c> and <c>lifecycle-status</c> (active, completed, cancelled).
/// </summary>
public sealed class GoalHandler(CitizenDataAccess access) : IFhirResourceHandler
{
    public string ResourceType => "Goal";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen: Patient/{id}."),
        new("lifecycle-status", SearchParamType.Token, "active | completed | cancelled (comma for OR)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        await FhirCarePlans.ReadAsync(access, id, cancellationToken) is { } record
            ? FhirCare.ToGoals(record).FirstOrDefault(g => g.Id == id)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var statuses = FhirCareSearch.Codes(search, "lifecycle-status", ["active", "completed", "cancelled"]);
        var goals = (await FhirCareSearch.PlansAsync(access, search, cancellationToken))
            .OrderBy(r => r.Plan!.CreatedAt).ThenBy(r => r.Plan!.Id)
            .SelectMany(FhirCare.ToGoals)
            .Where(g => FhirCareSearch.IdMatches(search, g))
            .Where(g => statuses.Count == 0 || statuses.Contains(g.LifecycleStatus!.Value.GetLiteral()))
            .ToList();
        return FhirSearchResult.Page([.. goals], search);
    }
}
