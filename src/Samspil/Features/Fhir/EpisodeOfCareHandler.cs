using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Fhir;

/// <summary>
/// EpisodeOfCare = a course (forløb), read in the category "status og aftaler" like the course page. Search by
/// <c>patient</c>, <c>status</c> (planned, active, finished) and <c>date</c> (the course's start); <c>_include=EpisodeOfCare:care-team</c>
/// adds the course's network (the same read: the network is part of the course). Every returned course is logged as read.
/// </summary>
public sealed class EpisodeOfCareHandler(CitizenDataAccess access, TimeProvider time) : IFhirResourceHandler
{
    public const string IncludeCareTeam = "EpisodeOfCare:care-team";

    public string ResourceType => "EpisodeOfCare";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen: Patient/{id}."),
        new("status", SearchParamType.Token, "planned | active | finished (comma for OR)."),
        new("date", SearchParamType.Date, "The course's start date (eq, ne, lt, le, gt, ge)."),
    ];

    public IReadOnlyList<string> Includes { get; } = [IncludeCareTeam];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var courseId) && await access.ReadCourseAsync(courseId, InformationCategory.StatusAndAppointments, cancellationToken) is { } record
            ? FhirCare.ToEpisodeOfCare(record, CopenhagenTime.Today(time))
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var records = await FhirCareSearch.CoursesAsync(access, search, cancellationToken);
        var statuses = FhirCareSearch.Codes(search, "status", ["planned", "active", "finished"]);
        var dates = search.Dates("date");
        var matches = records
            .Select(r => (Record: r, Episode: FhirCare.ToEpisodeOfCare(r, today)))
            .Where(m => statuses.Count == 0 || statuses.Contains(m.Episode.Status!.Value.GetLiteral()))
            .Where(m => dates.All(d => d.Matches(m.Record.Course.StartDate)))
            .OrderBy(m => m.Record.Course.StartDate).ThenBy(m => m.Record.Course.Id)
            .ToList();
        var page = FhirSearchResult.Page([.. matches.Select(m => (Resource)m.Episode)], search);
        if (!search.Includes.Contains(IncludeCareTeam))
        {
            return page;
        }

        var shown = page.Matches.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return page with { Included = [.. matches.Where(m => shown.Contains(m.Episode.Id)).Select(m => (Resource)FhirCare.ToCareTeam(m.Record, today))] };
    }
}
