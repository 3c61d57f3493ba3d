using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Features.Courses;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.MasterData;

/// <summary>
/// Corrections of master data (ADR 0014). GET returns the data with its version as ETag; a correction
/// sends it back in If-Match (or "*"). A correction against an older version gets 412 with the
/// current version; one the caller may not make is 404, like a read.
/// </summary>
public static class MasterDataEndpoints
{
    public static IEndpointRouteBuilder MapMasterDataEndpoints(this IEndpointRouteBuilder app)
    {
        var citizens = app.MapGroup("/api/v1/citizens/{citizenId:guid}").WithTags("Citizens").RequireAuthorization();
        citizens.MapGet("/master-data", GetCitizen).WithName("GetCitizenMasterData")
            .WithSummary("The citizen's own record, read at citizen level (ADR 0013). ETag = version.");
        citizens.MapPut("/", CorrectCitizen).WithName("CorrectCitizen")
            .WithSummary("Corrects name, language, interpreter need, contact details and address. If-Match required; staff correct the name, the citizen and a proxy the rest.");
        citizens.MapGet("/history", CitizenHistory).WithName("GetCitizenHistory")
            .WithSummary("Every correction of the citizen's record: field, old and new value, who and when.");

        var courses = app.MapGroup("/api/v1/courses/{courseId:guid}/master-data").WithTags("Courses").RequireAuthorization();
        courses.MapGet("/", GetCourse).WithName("GetCourseMasterData").WithSummary("Target group, responsible units, expected end of treatment. ETag = version.");
        courses.MapPut("/", CorrectCourse).WithName("CorrectCourseMasterData")
            .WithSummary("Corrects target group, responsible region unit and municipality (a dated move), expected end of treatment. If-Match required.");
        courses.MapGet("/history", CourseHistory).WithName("GetCourseMasterDataHistory");
        return app;
    }

    private static async Task<Results<Ok<CitizenView>, NotFound>> GetCitizen(Guid citizenId, MasterDataService service, HttpContext http, CancellationToken cancellationToken)
    {
        if (await service.GetCitizenAsync(citizenId, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        SetETag(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static Task<Results<Ok<CitizenView>, NotFound, ProblemHttpResult>> CorrectCitizen(
        Guid citizenId, CitizenCorrectionRequest request, MasterDataService service, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(http, v => service.CorrectCitizenAsync(citizenId, v, request, cancellationToken), view => view.Version);

    private static async Task<Results<Ok<IReadOnlyList<MasterDataChangeView>>, NotFound>> CitizenHistory(Guid citizenId, MasterDataService service, CancellationToken cancellationToken) =>
        await service.CitizenHistoryAsync(citizenId, cancellationToken) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    private static async Task<Results<Ok<CourseMasterDataView>, NotFound>> GetCourse(Guid courseId, MasterDataService service, HttpContext http, CancellationToken cancellationToken)
    {
        if (await service.GetCourseAsync(courseId, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        SetETag(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static Task<Results<Ok<CourseMasterDataView>, NotFound, ProblemHttpResult>> CorrectCourse(
        Guid courseId, CourseCorrectionRequest request, MasterDataService service, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(http, v => service.CorrectCourseAsync(courseId, v, request, cancellationToken), view => view.Version);

    private static async Task<Results<Ok<IReadOnlyList<MasterDataChangeView>>, NotFound>> CourseHistory(Guid courseId, MasterDataService service, CancellationToken cancellationToken) =>
        await service.CourseHistoryAsync(courseId, cancellationToken) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    /// <summary>Runs a correction with the version from If-Match: 428 without one, 400 for a malformed one, 412 on a stale one.</summary>
    private static async Task<Results<Ok<T>, NotFound, ProblemHttpResult>> ChangeAsync<T>(HttpContext http, Func<int?, Task<T?>> change, Func<T, int> versionOf)
        where T : class
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (!VersionETag.TryReadIfMatch(http, "MasterData.IfMatch.Required", "MasterData.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await change(expected) is not { } view)
            {
                return TypedResults.NotFound();
            }

            SetETag(http, versionOf(view));
            return TypedResults.Ok(view);
        }
        catch (MasterDataVersionConflictException conflict)
        {
            return TypedResults.Problem(
                localizer["MasterData.Conflict.Detail"],
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["MasterData.Conflict.Title"],
                extensions: new Dictionary<string, object?> { ["yourVersion"] = expected, ["currentVersion"] = conflict.CurrentVersion });
        }
    }

    private static void SetETag(HttpContext http, int version) => VersionETag.Set(http, version);
}
