using Microsoft.AspNetCore.Http.HttpResults;

namespace Samspil.Features.Collaboration;

/// <summary>
/// The collaboration questionnaire's API (docs/questionnaires-collaboration.md): a professional's open questionnaires,
/// answering one per tie, and a course's results per tie with small numbers hidden. Staff only; a course or an
/// assignment the caller may not see is 404; a second answer is 409; bad input is a problem details 400.
/// </summary>
public static class CollaborationEndpoints
{
    public static IEndpointRouteBuilder MapCollaborationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Collaboration").RequireAuthorization(); // staff only, decided in the access layer: anyone else gets 404
        api.MapGet("/me/collaboration-assignments", async (CollaborationService s, CancellationToken ct) => TypedResults.Ok(await s.MineAsync(ct)))
            .WithName("GetMyCollaborationAssignments")
            .WithSummary("The signed-in professional's open collaboration questionnaires (after network meetings and at a course's end), on courses they may still read.");
        api.MapGet("/courses/{courseId:guid}/collaboration", async Task<Results<Ok<CollaborationResultsView>, NotFound>> (Guid courseId, CollaborationService s, CancellationToken ct) =>
                await s.ResultsAsync(courseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetCourseCollaboration")
            .WithSummary("The course's collaboration per tie (an unordered pair of areas) and occasion: answers, total and the seven dimension means; a cell behind fewer than 5 answers carries no value.");
        api.MapGet("/courses/{courseId:guid}/collaboration/{assignmentId:guid}", async Task<Results<Ok<CollaborationFormView>, NotFound>> (Guid courseId, Guid assignmentId, CollaborationService s, CancellationToken ct) =>
                await s.FormAsync(courseId, assignmentId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetCollaborationQuestionnaire")
            .WithSummary("The respondent's own collaboration questionnaire: the items and the other areas of the network to answer about.");
        api.MapPost("/courses/{courseId:guid}/collaboration/{assignmentId:guid}", async Task<Results<Ok<CollaborationSubmitted>, NotFound>> (Guid courseId, Guid assignmentId, CollaborationAnswerRequest request, CollaborationService s, CancellationToken ct) =>
                await s.SubmitAsync(courseId, assignmentId, request, ct) is { } saved ? TypedResults.Ok(saved) : TypedResults.NotFound())
            .WithName("AnswerCollaborationQuestionnaire")
            .WithSummary("Answers per tie ({ties: [{partnerArea, answers: [{linkId, number | text}]}]}); skip a tie without contact. One response per tie, the assignment answered, in one transaction; again is 409.");
        return app;
    }
}
