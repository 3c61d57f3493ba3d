using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Plans;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.WorkQueue;

/// <summary>
/// The work queue's API (staff only): GET the queue; POST to tick an action off with the plan version in
/// If-Match, as every plan change does. Someone else's change in between is 412 with the current version;
/// an action the caller may not change (or that does not exist) is 404.
/// </summary>
public static class WorkQueueEndpoints
{
    public static IEndpointRouteBuilder MapWorkQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/work-queue").WithTags("WorkQueue").RequireAuthorization(SamspilPolicies.Staff);
        group.MapGet("/", async (WorkQueueService queue, CancellationToken ct) => TypedResults.Ok(await queue.GetAsync(ct)))
            .WithName("GetWorkQueue").WithSummary("\"Arbejdsliste\": what needs the caller now, in sections with counts; dates labelled in the request's language.");
        group.MapPost("/actions/{actionId:guid}/done", TickOff)
            .WithName("TickOffAction").WithSummary("Marks an action done. If-Match: the plan version the caller saw (or \"*\").");
        return app;
    }

    private static async Task<Results<Ok<TickOffResult>, NotFound, ProblemHttpResult>> TickOff(Guid actionId, WorkQueueService queue, HttpContext http, CancellationToken cancellationToken)
    {
        if (!VersionETag.TryReadIfMatch(http, "Plan.IfMatch.Required", "Plan.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await queue.TickOffAsync(actionId, expected, cancellationToken) is not { } done)
            {
                return TypedResults.NotFound();
            }

            VersionETag.Set(http, done.Plan.Version);
            return TypedResults.Ok(new TickOffResult(done.Plan.CourseId, done.Plan.Version, done.Action));
        }
        catch (PlanVersionConflictException)
        {
            var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return TypedResults.Problem(
                localizer["WorkQueue.TickOff.Stale"],
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["Plan.Conflict.Title"],
                extensions: new Dictionary<string, object?> { ["yourVersion"] = expected?.ToString(CultureInfo.InvariantCulture) });
        }
    }
}
