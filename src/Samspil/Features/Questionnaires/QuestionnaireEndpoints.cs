using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// Instruments over the API (issue 19, docs/questionnaires-fhir.md): the list and one version for any signed-in staff
/// member, as domain JSON or as a FHIR R4 Questionnaire; import, retire, activate and loading a language for
/// administrators. A refused import is a validation problem listing every problem by its place in the resource.
/// </summary>
public static class QuestionnaireEndpoints
{
    public const string FhirJson = "application/fhir+json";

    public static IEndpointRouteBuilder MapQuestionnaireEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/questionnaires").WithTags("Questionnaires").RequireAuthorization(SamspilPolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListQuestionnaires")
            .WithSummary("Every instrument version: key, version, title, purpose, consent category, status, shipped, languages.");
        group.MapGet("/{id}", GetAsync).WithName("GetQuestionnaire")
            .WithSummary("One instrument version with its items and scoring rules (domain JSON).");
        group.MapGet("/{id}/fhir", GetFhirAsync).WithName("GetQuestionnaireFhir")
            .Produces(StatusCodes.Status200OK, contentType: FhirJson)
            .WithSummary("One instrument version as a FHIR R4 Questionnaire (url https://samspil.dk/fhir/Questionnaire/{key}, version).");
        group.MapPost("/", ImportAsync).WithName("ImportQuestionnaire").RequireAuthorization(SamspilPolicies.Administrator).DisableAntiforgery()
            .Accepts<string>(FhirJson, "application/json")
            .WithSummary("Imports a FHIR R4 Questionnaire (at most 1 MB) as a new instrument, or a new version of an existing key (key = ?key or the url's last segment; "
                + "version = Questionnaire.version or the next free one). Nothing is retired automatically. Refused: a validation problem listing every problem.");
        group.MapPost("/{id}/retire", RetireAsync).WithName("RetireQuestionnaire").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("Retires a version: not assigned any more; its responses stay.");
        group.MapPost("/{id}/activate", ActivateAsync).WithName("ActivateQuestionnaire").RequireAuthorization(SamspilPolicies.Administrator)
            .WithSummary("Makes a retired version assignable again.");
        group.MapPost("/{id}/languages", LoadLanguageAsync).WithName("LoadQuestionnaireLanguage").RequireAuthorization(SamspilPolicies.Administrator).DisableAntiforgery()
            .Accepts<string>(FhirJson, "application/json")
            .WithSummary("Loads one language's texts (a licensed translation) into a version from a FHIR Questionnaire with the same items; ?language or Questionnaire.language.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<InstrumentSummary>>> ListAsync(QuestionnaireAdministration service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(cancellationToken));

    private static async Task<Results<Ok<InstrumentView>, NotFound>> GetAsync(string id, QuestionnaireAdministration service, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) && await service.FindAsync(guid, cancellationToken) is { } instrument ? TypedResults.Ok(InstrumentView.Of(instrument)) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> GetFhirAsync(string id, QuestionnaireAdministration service, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) && await service.FindAsync(guid, cancellationToken) is { } instrument
            ? TypedResults.Text(QuestionnaireFhir.Serialize(QuestionnaireFhir.ToFhir(instrument)), FhirJson, Encoding.UTF8)
            : TypedResults.NotFound();

    private static async Task<Results<Created<InstrumentView>, ProblemHttpResult, ValidationProblem>> ImportAsync(
        HttpContext http, string? key, QuestionnaireAdministration service, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var (json, problem) = await ReadAsync(http, localizer, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var instrument = await service.ImportAsync(json!, key, cancellationToken);
            return TypedResults.Created($"/api/v1/questionnaires/{instrument.Id}", InstrumentView.Of(instrument));
        }
        catch (QuestionnaireFhirException refused)
        {
            return Refused(refused, localizer);
        }
    }

    private static async Task<Results<Ok<InstrumentView>, NotFound, ProblemHttpResult, ValidationProblem>> LoadLanguageAsync(
        HttpContext http, string id, string? language, QuestionnaireAdministration service, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return TypedResults.NotFound();
        }

        var (json, problem) = await ReadAsync(http, localizer, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return await service.LoadLanguageAsync(guid, json!, language, cancellationToken) is { } instrument ? TypedResults.Ok(InstrumentView.Of(instrument)) : TypedResults.NotFound();
        }
        catch (QuestionnaireFhirException refused)
        {
            return Refused(refused, localizer);
        }
    }

    private static Task<Results<Ok<InstrumentView>, NotFound>> RetireAsync(string id, QuestionnaireAdministration service, CancellationToken cancellationToken) =>
        SetActiveAsync(id, false, service, cancellationToken);

    private static Task<Results<Ok<InstrumentView>, NotFound>> ActivateAsync(string id, QuestionnaireAdministration service, CancellationToken cancellationToken) =>
        SetActiveAsync(id, true, service, cancellationToken);

    private static async Task<Results<Ok<InstrumentView>, NotFound>> SetActiveAsync(string id, bool active, QuestionnaireAdministration service, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) && await service.SetActiveAsync(guid, active, cancellationToken) is { } instrument ? TypedResults.Ok(InstrumentView.Of(instrument)) : TypedResults.NotFound();

    private static ValidationProblem Refused(QuestionnaireFhirException refused, IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(QuestionnaireAdministration.Errors(refused, localizer), localizer["QuestionnaireFhir.Refused.Detail"], title: localizer["QuestionnaireFhir.Refused.Title"]);

    /// <summary>The body as UTF-8 text: FHIR JSON or JSON, at most <see cref="QuestionnaireFhir.MaxJsonBytes"/> (413 above, 415 for another media type).</summary>
    private static async Task<(string? Json, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is null || !(string.Equals(mediaType, FhirJson, StringComparison.OrdinalIgnoreCase) || string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, TypedResults.Problem(localizer["QuestionnaireFhir.ContentType"], statusCode: StatusCodes.Status415UnsupportedMediaType, title: localizer["Problem.UnsupportedMediaType.Title"]));
        }

        var tooLarge = TypedResults.Problem(localizer["QuestionnaireFhir.Json.TooLarge"], statusCode: StatusCodes.Status413PayloadTooLarge, title: localizer["QuestionnaireFhir.Refused.Title"]);
        if (request.ContentLength > QuestionnaireFhir.MaxJsonBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > QuestionnaireFhir.MaxJsonBytes)
            {
                return (null, tooLarge);
            }
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, TypedResults.Problem(localizer["QuestionnaireFhir.Json.Invalid"], statusCode: StatusCodes.Status400BadRequest, title: localizer["QuestionnaireFhir.Refused.Title"]));
        }
    }
}
