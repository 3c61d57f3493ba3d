using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Plans;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Plans;

/// <summary>
/// The shared plan's API. GET returns the plan with its version as ETag; every change must send that
/// ETag back in If-Match (or "*" to change whatever the current version is). A change against an
/// older version gets 412 with the current plan and the change that was not saved, so nothing is lost.
/// </summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plan = app.MapGroup("/api/v1/courses/{courseId:guid}/plan").WithTags("Plans").RequireAuthorization();
        plan.MapGet("/", GetPlan).WithName("GetPlan").WithSummary("The course's shared plan; version 0 while none exists. ETag = version.");
        plan.MapPost("/", CreatePlan)
            .WithName("CreatePlan").WithSummary("Creates the empty plan (a plan is also created by its first change).");
        plan.MapPut("/citizen-part", (Guid courseId, CitizenPartRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.SetCitizenPartAsync(courseId, v, r, ct), ct))
            .WithName("SetPlanCitizenPart").WithSummary("The citizen's own words: personal statement, language and the practical problems that matter most.");
        plan.MapPost("/challenges", (Guid courseId, ChallengeRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.AddChallengeAsync(courseId, v, r, ct), ct)).WithName("AddPlanChallenge");
        plan.MapPut("/challenges/{challengeId:guid}", (Guid courseId, Guid challengeId, ChallengeRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.UpdateChallengeAsync(courseId, challengeId, v, r, ct), ct)).WithName("UpdatePlanChallenge");
        plan.MapDelete("/challenges/{challengeId:guid}", (Guid courseId, Guid challengeId, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, null, v => s.RemoveChallengeAsync(courseId, challengeId, v, ct), ct)).WithName("RemovePlanChallenge");
        plan.MapPost("/goals", (Guid courseId, CreateGoalRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.AddGoalAsync(courseId, v, r, ct), ct))
            .WithName("AddPlanGoal").WithSummary("A shared goal with its sub-goals in priority order.");
        plan.MapPut("/goals/{goalId:guid}", (Guid courseId, Guid goalId, UpdateGoalRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.UpdateGoalAsync(courseId, goalId, v, r, ct), ct)).WithName("UpdatePlanGoal");
        plan.MapPost("/goals/{goalId:guid}/move", (Guid courseId, Guid goalId, MoveGoalRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.MoveGoalAsync(courseId, goalId, v, r, ct), ct))
            .WithName("MovePlanGoal").WithSummary("Moves a goal to a position (0 = highest priority).");
        plan.MapPost("/goals/{goalId:guid}/sub-goals", (Guid courseId, Guid goalId, SubGoalRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.AddSubGoalAsync(courseId, goalId, v, r, ct), ct)).WithName("AddPlanSubGoal");
        plan.MapPut("/goals/{goalId:guid}/sub-goals/order", (Guid courseId, Guid goalId, ReorderSubGoalsRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.ReorderSubGoalsAsync(courseId, goalId, v, r, ct), ct))
            .WithName("ReorderPlanSubGoals").WithSummary("Sets the priority order: every sub-goal id once.");
        plan.MapPut("/goals/{goalId:guid}/sub-goals/{subGoalId:guid}", (Guid courseId, Guid goalId, Guid subGoalId, SubGoalRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.UpdateSubGoalAsync(courseId, goalId, subGoalId, v, r, ct), ct)).WithName("UpdatePlanSubGoal");
        plan.MapDelete("/goals/{goalId:guid}/sub-goals/{subGoalId:guid}", (Guid courseId, Guid goalId, Guid subGoalId, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, null, v => s.RemoveSubGoalAsync(courseId, goalId, subGoalId, v, ct), ct)).WithName("RemovePlanSubGoal");
        plan.MapPost("/goals/{goalId:guid}/ratings", (Guid courseId, Guid goalId, RateGoalRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.RateGoalAsync(courseId, goalId, v, r, ct), ct))
            .WithName("RatePlanGoal").WithSummary("The citizen's own rating of progress, 1 (not at all) to 5 (very well).");
        plan.MapPost("/actions", (Guid courseId, ActionRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.AddActionAsync(courseId, v, r, ct), ct))
            .WithName("AddPlanAction").WithSummary("An action with one responsible active network member (or the citizen) and a due date.");
        plan.MapPut("/actions/{actionId:guid}", (Guid courseId, Guid actionId, ActionRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.UpdateActionAsync(courseId, actionId, v, r, ct), ct)).WithName("UpdatePlanAction");
        plan.MapPost("/actions/{actionId:guid}/status", (Guid courseId, Guid actionId, ActionStatusRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.SetActionStatusAsync(courseId, actionId, v, r, ct), ct))
            .WithName("SetPlanActionStatus").WithSummary("Planned, InProgress, Done, Cancelled, or Blocked with a reason.");
        plan.MapPost("/reviews", (Guid courseId, ReviewRequest r, PlanService s, HttpContext h, CancellationToken ct) => Change(h, courseId, s, r, v => s.AddReviewAsync(courseId, v, r, ct), ct))
            .WithName("AddPlanReview").WithSummary("A joint evaluation, with the citizen's ratings of the goals.");
        plan.MapGet("/history", GetHistory).WithName("GetPlanHistory");
        plan.MapGet("/diff", GetDiff).WithName("GetPlanDiff").WithSummary("What changed between two versions.");

        app.MapGet("/api/v1/me/tasks", async (PlanService s, CancellationToken ct) => TypedResults.Ok(await s.MyTasksAsync(ct)))
            .WithTags("Plans").WithName("MyTasks").WithSummary("\"Mine opgaver\": the caller's open actions across courses, overdue first.")
            .RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> GetPlan(Guid courseId, PlanService plans, HttpContext http, CancellationToken cancellationToken)
    {
        if (await plans.GetAsync(courseId, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        SetETag(http, view);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PlanHistoryView>, NotFound>> GetHistory(Guid courseId, PlanService plans, CancellationToken cancellationToken) =>
        await plans.HistoryAsync(courseId, cancellationToken) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    private static async Task<Results<Ok<PlanDiffView>, NotFound>> GetDiff(Guid courseId, int from, int to, PlanService plans, CancellationToken cancellationToken) =>
        await plans.DiffAsync(courseId, from, to, cancellationToken) is { } diff ? TypedResults.Ok(diff) : TypedResults.NotFound();

    /// <summary>Creates the empty plan; 409 when the course has one. Needs no If-Match: there is no version yet.</summary>
    private static async Task<Results<Created<PlanView>, NotFound>> CreatePlan(Guid courseId, PlanService plans, HttpContext http, CancellationToken cancellationToken)
    {
        if (await plans.CreateAsync(courseId, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        SetETag(http, view);
        return TypedResults.Created($"/api/v1/courses/{courseId}/plan", view);
    }

    /// <summary>Runs a change with the version from If-Match; answers with the new plan and ETag, or 412 with both versions.</summary>
    private static async Task<Results<Ok<PlanView>, NotFound, ProblemHttpResult>> Change(
        HttpContext http, Guid courseId, PlanService plans, object? request, Func<int?, Task<PlanView?>> change, CancellationToken cancellationToken)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (!VersionETag.TryReadIfMatch(http, "Plan.IfMatch.Required", "Plan.IfMatch.Invalid", out var expected, out var problem))
        {
            return problem!;
        }

        try
        {
            if (await change(expected) is not { } view)
            {
                return TypedResults.NotFound();
            }

            SetETag(http, view);
            return TypedResults.Ok(view);
        }
        catch (PlanVersionConflictException)
        {
            var current = await plans.GetAsync(courseId, cancellationToken);
            return TypedResults.Problem(
                string.Format(CultureInfo.CurrentCulture, localizer["Plan.Conflict.Detail"], current?.UpdatedByName, current?.Version),
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: localizer["Plan.Conflict.Title"],
                extensions: new Dictionary<string, object?>
                {
                    ["yourVersion"] = expected,
                    ["currentVersion"] = current?.Version,
                    ["current"] = current,
                    ["yourChange"] = request,
                });
        }
    }

    private static void SetETag(HttpContext http, PlanView view) => VersionETag.Set(http, view.Version);
}
