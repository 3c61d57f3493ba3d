using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Fhir;

/// <summary>
/// CareTeam = a course's network (one per course, the course's id), read in "status og aftaler" like the course page's
/// network. Professionals are PractitionerRole references; relatives, friends, volunteers and peers are RelatedPerson-typed
/// references with a display only. Search by <c>patient</c> and <c>status</c> (active, inactive).
/// </summary>
public sealed class CareTeamHandler(CitizenDataAccess access, TimeProvider time) : IFhirResourceHandler
{
    public string ResourceType => "CareTeam";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen: Patient/{id}."),
        new("status", SearchParamType.Token, "active | inactive (comma for OR)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var courseId) && await access.ReadCourseAsync(courseId, InformationCategory.StatusAndAppointments, cancellationToken) is { } record
            ? FhirCare.ToCareTeam(record, CopenhagenTime.Today(time))
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var statuses = FhirCareSearch.Codes(search, "status", ["active", "inactive"]);
        var teams = (await FhirCareSearch.CoursesAsync(access, search, cancellationToken))
            .OrderBy(r => r.Course.StartDate).ThenBy(r => r.Course.Id)
            .Select(r => FhirCare.ToCareTeam(r, today))
            .Where(t => statuses.Count == 0 || statuses.Contains(t.Status!.Value.GetLiteral()))
            .ToList();
        return FhirSearchResult.Page([.. teams], search);
    }
}
