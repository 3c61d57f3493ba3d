using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Domain.CrisisPlans;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.CrisisPlans;

/// <summary>
/// The crisis plan's API (docs/crisis-plan.md). GET returns the plan with its version as ETag (version 0 while
/// none is saved); PUT replaces the whole plan and must send that ETag back in If-Match (or "*"). A save against an
/// older version gets 412 with the current plan, so nothing typed is lost. A course the caller may not read is 404.
/// </summary>
public static class CrisisPlanEndpoints
{
    public static IEndpointRouteBuilder MapCrisisPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courses/{courseId:guid}/crisis-plan").WithTags("CrisisPlans").RequireAuthorization();
        group.MapGet("/", GetAsync).WithName("GetCrisisPlan")
            .WithSummary("\"Min plan for svære tider\": early signs, what helps, whom to call by day and by night (offerings with their open state now), what the citizen does not want, whom to tell. ETag = version.");
        group.MapPut("/", PutAsync).WithName("SaveCrisisPlan")
            .WithSummary("Replaces the whole crisis plan as a new version; If-Match with the version it was made from (or \"*\").");
        return app;
    }

    private static async Task<Results<Ok<CrisisPlanView>, NotFound>> GetAsync(Guid courseId, CrisisPlanService plans, HttpContext http, CancellationToken cancellationToken)
    {
        if (await plans.GetAsync(courseId, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        VersionETag.Set(http, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<CrisisPlanView>, NotFound, ProblemHttpResult>> PutAsync(Guid courseId, CrisisPlanDraft request, CrisisPlanService plans, HttpContext http, CancellationToken cancellationToken)
    {
        if (!VersionETag.TryReadIfMatch(http, "CrisisPlan.IfMatch.Required", "CrisisPlan.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await plans.SaveAsync(courseId, expected, request, cancellationToken) is not { } view)
            {
                return TypedResults.NotFound();
            }

            VersionETag.Set(http, view.Version);
            return TypedResults.Ok(view);
        }
        catch (CrisisPlanVersionConflictException)
        {
            var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var current = await plans.GetAsync(courseId, cancellationToken);
            return TypedResults.Problem(
                string.Format(CultureInfo.CurrentCulture, localizer["CrisisPlan.Conflict.Detail"], current?.UpdatedByName, current?.Version),
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["CrisisPlan.Conflict.Title"],
                extensions: new Dictionary<string, object?>
                {
                    ["yourVersion"] = expected,
                    ["currentVersion"] = current?.Version,
                    ["current"] = current,
                });
        }
    }
}
