using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Screening;

/// <summary>Screening's API: admission imports with progress, the ranked lists, and analysis-meeting summaries on a course.</summary>
public static class ScreeningEndpoints
{
    public static IEndpointRouteBuilder MapScreeningEndpoints(this IEndpointRouteBuilder app)
    {
        var screening = app.MapGroup("/api/v1/screening").WithTags("Screening").RequireAuthorization(SamspilPolicies.Staff);

        // The file is read as a stream (not bound as a form), so its size can be limited while it arrives.
        // A browser signed in with the cookie must send the antiforgery token in the RequestVerificationToken header.
        screening.MapPost("/imports", StartImport)
            .WithName("StartAdmissionImport")
            .WithSummary("Upload an admissions CSV as multipart/form-data field 'file'. 202 with the import's id; poll GET /imports/{id} for progress. "
                + "Columns: person_key, municipality_code, region_code, admission_start, admission_end, acute, department (see docs/architecture.md, Screening).")
            .DisableAntiforgery();
        screening.MapGet("/imports", async (AdmissionImportService s, CancellationToken ct) => TypedResults.Ok(await s.RecentAsync(ct)))
            .WithName("ListAdmissionImports").WithSummary("The latest 20 imports, newest first.");
        screening.MapGet("/imports/{importId:guid}", async Task<Results<Ok<AdmissionImportView>, NotFound>> (Guid importId, AdmissionImportService s, CancellationToken ct) =>
                await s.GetAsync(importId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetAdmissionImport").WithSummary("Progress (percent, rows read, new, updated, unchanged, rejected) and the rejected rows with row number and reason.");
        screening.MapGet("/ranking", async (ScreeningArea? area, string? code, int? top, ScreeningService s, CancellationToken ct) =>
                TypedResults.Ok(await s.RankingAsync(area, code, top, ct)))
            .WithName("ScreeningRanking")
            .WithSummary("The analysis committee's list: per municipality or region (the person's latest admission), the top persons (default 20) by admissions in a rolling 12 months, "
                + "then acute readmissions within 30 days; each linked to the course when the person is a citizen whose course the caller may read.");

        var summaries = app.MapGroup("/api/v1/courses/{courseId:guid}/analysis-summaries").WithTags("Screening").RequireAuthorization();
        summaries.MapGet("/", async Task<Results<Ok<CourseAnalysisView>, NotFound>> (Guid courseId, AnalysisSummaryService s, CancellationToken ct) =>
                await s.ListAsync(courseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("ListAnalysisSummaries").WithSummary("The course's analysis-meeting summaries, newest meeting first (health information; logged).");
        summaries.MapPost("/", async Task<Results<Created<AnalysisSummaryView>, NotFound>> (Guid courseId, AnalysisSummaryRequest request, AnalysisSummaryService s, CancellationToken ct) =>
                await s.CreateAsync(courseId, request, ct) is { } view ? TypedResults.Created($"/api/v1/courses/{courseId}/analysis-summaries/{view.Id}", view) : TypedResults.NotFound())
            .WithName("CreateAnalysisSummary").RequireAuthorization(SamspilPolicies.Staff)
            .WithSummary("Why the last admission, what could prevent the next, what would make it better for the citizen; meeting date and who took part.");
        summaries.MapGet("/{summaryId:guid}", async Task<Results<Ok<AnalysisSummaryView>, NotFound>> (Guid courseId, Guid summaryId, AnalysisSummaryService s, CancellationToken ct) =>
                await s.GetAsync(courseId, summaryId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("GetAnalysisSummary");
        summaries.MapPut("/{summaryId:guid}", async Task<Results<Ok<AnalysisSummaryView>, NotFound>> (Guid courseId, Guid summaryId, AnalysisSummaryRequest request, AnalysisSummaryService s, CancellationToken ct) =>
                await s.UpdateAsync(courseId, summaryId, request, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithName("UpdateAnalysisSummary").RequireAuthorization(SamspilPolicies.Staff);
        summaries.MapDelete("/{summaryId:guid}", async Task<Results<NoContent, NotFound>> (Guid courseId, Guid summaryId, AnalysisSummaryService s, CancellationToken ct) =>
                await s.DeleteAsync(courseId, summaryId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteAnalysisSummary").RequireAuthorization(SamspilPolicies.Staff);
        return app;
    }

    private static async Task<Results<Accepted<AdmissionImportView>, ProblemHttpResult, ValidationProblem>> StartImport(
        HttpContext context, AdmissionImportService imports, IAntiforgery antiforgery, IStringLocalizer<SharedResource> localizer, CancellationToken ct)
    {
        // Bearer clients are not exposed to cross-site requests; a cookie (browser) must prove the page sent it.
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            if (!context.Request.Headers.ContainsKey("RequestVerificationToken") || !await antiforgery.IsRequestValidAsync(context))
            {
                return Refusal(localizer, imports, ImportRefusal.MissingToken, []);
            }
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = imports.MaxImportBytes + (1024 * 1024); // room for the multipart framing
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Refusal(localizer, imports, ImportRefusal.NoFile, []);
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition()
                    && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var start = await imports.StartAsync(section.Body, fileName, ct);
                    return start.Started is { } view
                        ? TypedResults.Accepted($"/api/v1/screening/imports/{view.Id}", view)
                        : Refusal(localizer, imports, start.Refusal!.Value, start.Reasons);
                }
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refusal(localizer, imports, ImportRefusal.TooLarge, []);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return Refusal(localizer, imports, ImportRefusal.Malformed, []);
        }

        return Refusal(localizer, imports, ImportRefusal.NoFile, []);
    }

    private static Results<Accepted<AdmissionImportView>, ProblemHttpResult, ValidationProblem> Refusal(
        IStringLocalizer<SharedResource> localizer, AdmissionImportService imports, ImportRefusal refusal, IReadOnlyList<string> reasons)
    {
        var messages = reasons.Count > 0 ? reasons.ToArray() : [imports.Describe(refusal)];
        if (refusal == ImportRefusal.TooLarge)
        {
            return TypedResults.Problem(title: localizer["Screening.Import.Refused"], detail: messages[0], statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["file"] = messages },
            title: localizer["Screening.Import.Refused"],
            detail: refusal == ImportRefusal.InvalidHeader ? localizer["Screening.Import.InvalidHeader"] : messages[0]);
    }
}
