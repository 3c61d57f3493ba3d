using Microsoft.AspNetCore.Http.HttpResults;

namespace Samspil.Features.QuestionnaireResults;

/// <summary>
/// The clinician's questionnaire results (docs/questionnaires-results.md): per instrument key a series of scored
/// responses, and one response with its answers. Read through the access layer in each instrument's consent category;
/// a course or response the caller may not read is 404 (problem details), as is an id that is not one.
/// </summary>
public static class QuestionnaireResultsEndpoints
{
    public static IEndpointRouteBuilder MapQuestionnaireResultsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courses/{courseId:guid}").WithTags("QuestionnaireResults").RequireAuthorization();
        group.MapGet("/questionnaire-results", GetResultsAsync).WithName("GetQuestionnaireResults")
            .WithSummary("The citizen's questionnaire results on the course, one series per instrument (all its versions): each response's date, primary score, band, flag and every scale's score; entered-in-error responses are marked and left out of latest and change. Only instruments whose consent category the caller may read.");
        group.MapGet("/questionnaire-results/{responseId:guid}", GetResponseAsync).WithName("GetQuestionnaireResult")
            .WithSummary("One questionnaire response with its answers (question and chosen answer in the caller's language) and scores.");
        return app;
    }

    private static async Task<Results<Ok<QuestionnaireResultsView>, NotFound>> GetResultsAsync(Guid courseId, QuestionnaireResultsService results, CancellationToken cancellationToken) =>
        await results.GetAsync(courseId, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<QuestionnaireResponseView>, NotFound>> GetResponseAsync(Guid courseId, Guid responseId, QuestionnaireResultsService results, CancellationToken cancellationToken) =>
        await results.GetResponseAsync(courseId, responseId, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
