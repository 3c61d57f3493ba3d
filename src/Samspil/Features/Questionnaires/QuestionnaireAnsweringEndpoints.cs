using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// Assigning questionnaires to the citizen and answering them (issue 19, docs/questionnaires-answering.md). A course or
/// assignment the caller may not read or change is 404; a bad answer is a validation problem naming the item's linkId;
/// a second answer to the same assignment is 409.
/// </summary>
public static class QuestionnaireAnsweringEndpoints
{
    public static IEndpointRouteBuilder MapQuestionnaireAnsweringEndpoints(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/api/v1/courses/{courseId:guid}").WithTags("Questionnaires").RequireAuthorization();
        course.MapGet("/questionnaire-assignments", ListAsync).WithName("ListQuestionnaireAssignments")
            .WithSummary("The course's questionnaires for the citizen (assignments with their responses, and responses entered without one), each only where the reader may read its instrument's consent category.");
        course.MapPost("/questionnaire-assignments", AssignAsync).WithName("AssignQuestionnaire")
            .WithSummary("Assigns an active citizen-answered instrument to the course's citizen (network members whose access covers the instrument's category); the citizen and their proxies get a notice.");
        course.MapPost("/questionnaire-assignments/{assignmentId:guid}/withdraw", WithdrawAsync).WithName("WithdrawQuestionnaireAssignment")
            .WithSummary("Withdraws an open assignment.");
        course.MapPost("/questionnaire-responses", EnterTogetherAsync).WithName("EnterQuestionnaireTogether")
            .WithSummary("A professional enters the answers together with the citizen (e.g. at a meeting), to an open assignment or without one.");
        course.MapGet("/questionnaire-responses/{responseId:guid}", GetResponseAsync).WithName("GetQuestionnaireResponse")
            .WithSummary("One response: every answer beside its question, every scale's score with its band in plain words.");
        course.MapPost("/questionnaire-responses/{responseId:guid}/entered-in-error", EnteredInErrorAsync).WithName("MarkQuestionnaireResponseEnteredInError")
            .WithSummary("Marks a response entered in error: kept, left out of scores and trends.");

        var me = app.MapGroup("/api/v1/me/questionnaires").WithTags("Questionnaires").RequireAuthorization();
        me.MapGet("/", MineAsync).WithName("ListMyQuestionnaires")
            .WithSummary("The signed-in citizen's (or proxy's citizen's) questionnaires: open ones, and answered ones with answers and scores in plain words.");
        me.MapPost("/{assignmentId:guid}/response", SubmitAsync).WithName("AnswerMyQuestionnaire")
            .WithSummary("Answers an open assignment: [{linkId, code|number|text|date}]. A second answer is 409.");
        return app;
    }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private static async Task<Results<Ok<CourseQuestionnairesView>, NotFound>> ListAsync(Guid courseId, QuestionnaireAnswering service, CancellationToken cancellationToken) =>
        await service.GetCourseAsync(courseId, Language, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<QuestionnaireAssignmentView>, NotFound, ValidationProblem>> AssignAsync(Guid courseId, AssignQuestionnaireRequest request, QuestionnaireAnswering service, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await service.AssignAsync(courseId, request, Language, cancellationToken) is { } view
                ? TypedResults.Created($"/api/v1/courses/{courseId}/questionnaire-assignments/{view.Id}", view)
                : TypedResults.NotFound();
        }
        catch (DomainException ex) when (ex.Field is not null)
        {
            return Invalid(http, ex);
        }
    }

    private static async Task<Results<Ok<QuestionnaireAssignmentView>, NotFound>> WithdrawAsync(Guid courseId, Guid assignmentId, QuestionnaireAnswering service, CancellationToken cancellationToken) =>
        await service.WithdrawAsync(courseId, assignmentId, Language, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<QuestionnaireResponseView>, NotFound, ValidationProblem>> EnterTogetherAsync(Guid courseId, EnterTogetherRequest request, QuestionnaireAnswering service, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await service.EnterTogetherAsync(courseId, request, Language, cancellationToken) is { } view
                ? TypedResults.Created($"/api/v1/courses/{courseId}/questionnaire-responses/{view.Id}", view)
                : TypedResults.NotFound();
        }
        catch (DomainException ex) when (ex.Field is not null)
        {
            return Invalid(http, ex);
        }
    }

    private static async Task<Results<Ok<QuestionnaireResponseView>, NotFound>> GetResponseAsync(Guid courseId, Guid responseId, QuestionnaireAnswering service, CancellationToken cancellationToken) =>
        await service.GetResponseAsync(courseId, responseId, Language, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<QuestionnaireResponseView>, NotFound>> EnteredInErrorAsync(Guid courseId, Guid responseId, QuestionnaireAnswering service, CancellationToken cancellationToken) =>
        await service.MarkEnteredInErrorAsync(courseId, responseId, Language, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Ok<MyQuestionnairesView>> MineAsync(QuestionnaireAnswering service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetMineAsync(Language, cancellationToken));

    private static async Task<Results<Created<QuestionnaireResponseView>, NotFound, ValidationProblem>> SubmitAsync(Guid assignmentId, SubmitAnswersRequest request, QuestionnaireAnswering service, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await service.SubmitAsync(assignmentId, request, Language, cancellationToken) is { } view
                ? TypedResults.Created($"/api/v1/courses/{view.CourseId}/questionnaire-responses/{view.Id}", view)
                : TypedResults.NotFound();
        }
        catch (DomainException ex) when (ex.Field is not null)
        {
            return Invalid(http, ex);
        }
    }

    /// <summary>A broken answer rule as a validation problem keyed by the field (the item's linkId), in the reader's language.</summary>
    private static ValidationProblem Invalid(HttpContext http, DomainException ex)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var message = QuestionnaireMessages.For(localizer, ex.Code);
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [ex.Field!] = [message] },
            detail: message,
            title: localizer["Problem.Validation.Title"],
            extensions: new Dictionary<string, object?> { ["code"] = ex.Code });
    }
}

/// <summary>The readable text of a questionnaire rule's code: "Questionnaire.Answer.Required" → "QAnswer.Error.Required" (citizen-facing) or "QAssign.Error.*" (staff), then the generic texts.</summary>
public static class QuestionnaireMessages
{
    public static string For(IStringLocalizer localizer, string code)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(code);
        var last = code[(code.LastIndexOf('.') + 1)..];
        var citizen = localizer["QAnswer.Error." + last];
        if (!citizen.ResourceNotFound)
        {
            return citizen.Value;
        }

        var staff = localizer["QAssign.Error." + last];
        return staff.ResourceNotFound ? localizer.Message(code) : staff.Value;
    }
}
