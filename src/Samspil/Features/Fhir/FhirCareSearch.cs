using Hl7.Fhir.Model;
using Samspil.Domain.Consents;
using Samspil.Features.Access;

namespace Samspil.Features.Fhir;

/// <summary>The search steps the care handlers share: which courses or plans, and token values checked against a closed list.</summary>
public static class FhirCareSearch
{
    /// <summary>The courses the caller may read ("status og aftaler"), of one citizen when <c>patient</c> is given, narrowed by <c>_id</c>.</summary>
    public static async Task<IReadOnlyList<CourseRecord>> CoursesAsync(CitizenDataAccess access, FhirSearch search, CancellationToken cancellationToken)
    {
        var patient = search.ReferenceId("patient", "Patient");
        var ids = IdsOf(search)?.ToList();
        var courses = await access.ListCoursesAsync(
            q =>
            {
                if (patient is { } citizenId)
                {
                    q = q.Where(c => c.Citizen.Id == citizenId);
                }

                return ids is null ? q : q.Where(c => ids.Contains(c.Course.Id));
            },
            InformationCategory.StatusAndAppointments,
            cancellationToken);
        await access.LoadNetworksAsync(courses, cancellationToken);
        return courses;
    }

    /// <summary>The plans the caller may read ("plan og mål"), of one citizen when <c>patient</c> is given; without goals
    /// (<paramref name="withGoals"/> false) for a search that maps only the actions.</summary>
    public static Task<IReadOnlyList<PlanRecord>> PlansAsync(CitizenDataAccess access, FhirSearch search, CancellationToken cancellationToken, bool withGoals = true) =>
        access.ListPlansAsync(search.ReferenceId("patient", "Patient"), cancellationToken, withGoals: withGoals);

    /// <summary>The <c>_id</c> values as ids; null when not given (an id that is no Guid matches nothing).</summary>
    public static HashSet<Guid>? IdsOf(FhirSearch search) =>
        search.Ids.Count == 0 ? null : [.. search.Ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];

    /// <summary>Whether a resource passes the <c>_id</c> filter.</summary>
    public static bool IdMatches(FhirSearch search, Resource resource) => search.Ids.Count == 0 || search.Ids.Contains(resource.Id, StringComparer.Ordinal);

    /// <summary>The OR-values of a token parameter, each one of <paramref name="allowed"/> (a system|code is read by its code); refused otherwise.</summary>
    public static IReadOnlySet<string> Codes(FhirSearch search, string name, IReadOnlyList<string> allowed)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in search.Values(name))
        {
            var code = value[(value.LastIndexOf('|') + 1)..];
            if (!allowed.Contains(code, StringComparer.Ordinal))
            {
                throw new FhirSearchException($"{name} takes one of: {string.Join(", ", allowed)}.", name);
            }

            codes.Add(code);
        }

        return codes;
    }
}
