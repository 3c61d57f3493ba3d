using Hl7.Fhir.Model;
using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Features.Questionnaires;
using DomainResponse = Samspil.Domain.Questionnaires.QuestionnaireResponse;

namespace Samspil.Features.Fhir;

/// <summary>
/// QuestionnaireResponse = a citizen-answered questionnaire response (issue 19), mapped by <see cref="QuestionnaireFhir.ToFhir(DomainResponse, Samspil.Domain.Questionnaires.Instrument)"/>
/// and read through the questionnaires' access paths: one response with <see cref="CitizenDataAccess.ReadQuestionnaireResponseAsync"/>
/// (its instrument's consent category), a search with <see cref="CitizenDataAccess.ReadCourseQuestionnairesAsync"/> for staff
/// and <see cref="CitizenDataAccess.ReadMyQuestionnairesAsync"/> for the citizen or proxy. Search: <c>patient</c>, <c>status</c>, <c>authored</c>.
/// </summary>
public sealed class QuestionnaireResponseHandler(CitizenDataAccess access) : IFhirResourceHandler
{
    private static readonly string[] StatusCodes = ["completed", "entered-in-error"];

    public string ResourceType => "QuestionnaireResponse";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen (Patient/{id}) who answered."),
        new("status", SearchParamType.Token, "completed | entered-in-error."),
        new("authored", SearchParamType.Date, "When the response was given (eq, ne, gt, lt, ge, le; repeat for a range)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var responseId)
        && await access.CourseOfQuestionnaireResponseAsync(responseId, cancellationToken) is { } courseId
        && await access.ReadQuestionnaireResponseAsync(courseId, responseId, cancellationToken) is { } read
            ? QuestionnaireFhir.ToFhir(read.Response.Response, read.Response.Instrument)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var patient = search.ReferenceId("patient", "Patient");
        var statuses = FhirCommunicationCodes.Tokens(search, "status", StatusCodes);
        var dates = search.Dates("authored");
        IReadOnlyList<CourseQuestionnairesRecord> records;
        if (access.User.ActsForCitizen)
        {
            records = await access.ReadMyQuestionnairesAsync(cancellationToken);
        }
        else
        {
            var list = new List<CourseQuestionnairesRecord>();
            foreach (var course in await FhirCommunicationCodes.CoursesAsync(access, patient, InformationCategory.StatusAndAppointments, cancellationToken))
            {
                if (await access.ReadCourseQuestionnairesAsync(course.Course.Id, cancellationToken) is { } record)
                {
                    list.Add(record);
                }
            }

            records = list;
        }

        var found = records
            .Where(r => patient is null || r.Course.Citizen.Id == patient)
            .SelectMany(r => r.Responses)
            .Where(r => FhirCommunicationCodes.MatchesDates(dates, r.Response.AuthoredAt))
            .Select(r => QuestionnaireFhir.ToFhir(r.Response, r.Instrument))
            .Where(r => statuses.Count == 0 || statuses.Contains(r.Status == QuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError ? "entered-in-error" : "completed"));
        var ordered = FhirCommunicationCodes.WithIds(found, search)
            .OrderByDescending(r => r.Authored, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList<Resource>();
        return FhirSearchResult.Page(ordered, search);
    }
}
