using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Plans;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Plans;

/// <summary>
/// The shared plan of a course: a working page for the network, and for the citizen and proxy the
/// same plan in plain words. Every form carries the version it was made from; when somebody else
/// saved in between, the page shows what they changed and keeps what this user typed.
/// </summary>
public sealed class PlanModel(PlanService plans, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PlanView? Plan { get; private set; }

    /// <summary>Set when a save was refused because the plan changed meanwhile: what changed since the user's version.</summary>
    public PlanDiffView? Conflict { get; private set; }

    /// <summary>Which form was posted, so its fields can be shown again with what the user typed.</summary>
    public string? PostedForm { get; private set; }

    public DateOnly Today => CopenhagenTime.Today(time);

    /// <summary>The citizen or proxy sees the plain-language plan.</summary>
    public bool CitizenMode => Plan is { } p && !p.Permissions.CanEdit && p.Permissions.CanEditCitizenPart;

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The value a field of <paramref name="form"/> had when it was posted and refused, else <paramref name="current"/>.</summary>
    public string? Value(string form, string field, string? current = null) =>
        PostedForm == form && Request.HasFormContentType ? Request.Form[field].ToString() : current;

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Plan = await plans.GetAsync(courseId, cancellationToken);
        return Plan is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostCitizenPartAsync(Guid courseId, int version, string? statement, string? language, string? problems, CancellationToken ct) =>
        RunAsync(courseId, version, "citizen-part", () => plans.SetCitizenPartAsync(courseId, version, new CitizenPartRequest(statement, language, Lines(problems)), ct), ct);

    public Task<IActionResult> OnPostAddChallengeAsync(Guid courseId, int version, ChallengeArea? area, string? text, CancellationToken ct) =>
        RunAsync(courseId, version, "add-challenge", () => plans.AddChallengeAsync(courseId, version, new ChallengeRequest(area, text), ct), ct);

    public Task<IActionResult> OnPostUpdateChallengeAsync(Guid courseId, int version, Guid challengeId, ChallengeArea? area, string? text, CancellationToken ct) =>
        RunAsync(courseId, version, "challenge-" + challengeId, () => plans.UpdateChallengeAsync(courseId, challengeId, version, new ChallengeRequest(area, text), ct), ct);

    public Task<IActionResult> OnPostRemoveChallengeAsync(Guid courseId, int version, Guid challengeId, CancellationToken ct) =>
        RunAsync(courseId, version, "remove-challenge", () => plans.RemoveChallengeAsync(courseId, challengeId, version, ct), ct);

    public Task<IActionResult> OnPostAddGoalAsync(Guid courseId, int version, string? title, string? citizenWish, string? subGoals, CancellationToken ct) =>
        RunAsync(courseId, version, "add-goal", () => plans.AddGoalAsync(courseId, version, new CreateGoalRequest(title, citizenWish, Lines(subGoals)), ct), ct);

    public Task<IActionResult> OnPostUpdateGoalAsync(Guid courseId, int version, Guid goalId, string? title, string? citizenWish, GoalStatus? status, CancellationToken ct) =>
        RunAsync(courseId, version, "goal-" + goalId, () => plans.UpdateGoalAsync(courseId, goalId, version, new UpdateGoalRequest(title, citizenWish, status), ct), ct);

    public Task<IActionResult> OnPostMoveGoalAsync(Guid courseId, int version, Guid goalId, int position, CancellationToken ct) =>
        RunAsync(courseId, version, "move-goal", () => plans.MoveGoalAsync(courseId, goalId, version, new MoveGoalRequest(position), ct), ct);

    public Task<IActionResult> OnPostAddSubGoalAsync(Guid courseId, int version, Guid goalId, string? text, CancellationToken ct) =>
        RunAsync(courseId, version, "sub-goal-" + goalId, () => plans.AddSubGoalAsync(courseId, goalId, version, new SubGoalRequest(text), ct), ct);

    public Task<IActionResult> OnPostSubGoalDoneAsync(Guid courseId, int version, Guid goalId, Guid subGoalId, string? text, bool done, CancellationToken ct) =>
        RunAsync(courseId, version, "sub-goal-done", () => plans.UpdateSubGoalAsync(courseId, goalId, subGoalId, version, new SubGoalRequest(text, done), ct), ct);

    public Task<IActionResult> OnPostRemoveSubGoalAsync(Guid courseId, int version, Guid goalId, Guid subGoalId, CancellationToken ct) =>
        RunAsync(courseId, version, "remove-sub-goal", () => plans.RemoveSubGoalAsync(courseId, goalId, subGoalId, version, ct), ct);

    /// <summary>Moves a sub-goal one place up or down in priority; the order sent is the whole new order.</summary>
    public Task<IActionResult> OnPostMoveSubGoalAsync(Guid courseId, int version, Guid goalId, string? order, CancellationToken ct) =>
        RunAsync(courseId, version, "move-sub-goal", () => plans.ReorderSubGoalsAsync(courseId, goalId, version, new ReorderSubGoalsRequest(Ids(order)), ct), ct);

    public Task<IActionResult> OnPostAddActionAsync(Guid courseId, int version, string? text, Guid? goalId, string? owner, DateOnly? dueDate, string? offering, string? hoursPerWeek, DateOnly? periodFrom, DateOnly? periodTo, CancellationToken ct) =>
        RunAsync(courseId, version, "add-action", () => plans.AddActionAsync(courseId, version, ActionOf(goalId, text, owner, dueDate) with { OfferingId = OfferingOf(offering), HoursPerWeek = HoursOf(hoursPerWeek), PeriodFrom = periodFrom, PeriodTo = periodTo }, ct), ct);

    public Task<IActionResult> OnPostUpdateActionAsync(Guid courseId, int version, Guid actionId, string? text, Guid? goalId, string? owner, DateOnly? dueDate, string? offering, string? hoursPerWeek, DateOnly? periodFrom, DateOnly? periodTo, CancellationToken ct) =>
        RunAsync(courseId, version, "edit-action-" + actionId, () => plans.UpdateActionAsync(courseId, actionId, version, ActionOf(goalId, text, owner, dueDate) with { OfferingId = OfferingOf(offering), HoursPerWeek = HoursOf(hoursPerWeek), PeriodFrom = periodFrom, PeriodTo = periodTo }, ct), ct);

    /// <summary>Hours a week as typed: "20", "20.5" or "20,5"; text that is no number becomes -1, which the plan refuses with a readable message.</summary>
    private static decimal? HoursOf(string? value)
    {
        var text = value?.Trim().Replace(',', '.');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return decimal.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var hours) ? hours : -1;
    }

    /// <summary>The offering field takes its id or its address (…/Tilbud/{id}); anything else that is not empty is an unknown offering.</summary>
    private static Guid? OfferingOf(string? value)
    {
        var text = value?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Guid.TryParse(text[(text.LastIndexOf('/') + 1)..], out var id) ? id : Guid.Empty;
    }

    public Task<IActionResult> OnPostActionStatusAsync(Guid courseId, int version, Guid actionId, ActionStatus? status, string? blockedReason, string? pausedReason, DateOnly? resumeOn, CancellationToken ct) =>
        RunAsync(courseId, version, "action-" + actionId, () => plans.SetActionStatusAsync(courseId, actionId, version, new ActionStatusRequest(status, blockedReason, pausedReason, resumeOn), ct), ct);

    public Task<IActionResult> OnPostAddReviewAsync(Guid courseId, int version, DateOnly? date, string? whatWorked, string? whatChanges, string? participants, CancellationToken ct)
    {
        // One select per goal, named rating-{goalId}; an empty choice means "not rated this time".
        var ratings = Request.Form.Keys
            .Where(k => k.StartsWith("rating-", StringComparison.Ordinal) && Guid.TryParse(k["rating-".Length..], out _))
            .Select(k => (Goal: Guid.Parse(k["rating-".Length..]), Score: Request.Form[k].ToString()))
            .Where(r => r.Score.Length > 0)
            .Select(r => new RatingInput(r.Goal, int.TryParse(r.Score, out var s) ? s : 0))
            .ToList();
        return RunAsync(courseId, version, "add-review", () => plans.AddReviewAsync(courseId, version, new ReviewRequest(date, whatWorked, whatChanges, participants, ratings), ct), ct);
    }

    public Task<IActionResult> OnPostRateAsync(Guid courseId, int version, Guid goalId, int? score, CancellationToken ct) =>
        RunAsync(courseId, version, "rate-" + goalId, () => plans.RateGoalAsync(courseId, goalId, version, new RateGoalRequest(score, null), ct), ct);

    private static ActionRequest ActionOf(Guid? goalId, string? text, string? owner, DateOnly? dueDate) =>
        owner == "citizen"
            ? new ActionRequest(goalId, text, null, true, dueDate)
            : new ActionRequest(goalId, text, Guid.TryParse(owner, out var member) ? member : null, false, dueDate);

    private static List<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static List<Guid> Ids(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).ToList();

    /// <summary>Runs a change; on success redirects back (post/redirect/get). A rule error or a version conflict shows the page again with the message and the typed values.</summary>
    private async Task<IActionResult> RunAsync(Guid courseId, int version, string form, Func<Task<PlanView?>> change, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        PostedForm = form;
        if (ModelState.IsValid)
        {
            try
            {
                PlanView? saved = null;
                if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = await change()))
                {
                    if (saved is null)
                    {
                        return NotFound();
                    }

                    StatusMessage = localizer["Plan.Saved"];
                    return Redirect($"/Courses/{courseId}/plan#{form}");
                }
            }
            catch (PlanVersionConflictException)
            {
                ModelState.AddModelError(string.Empty, localizer["Plan.Conflict.Page"]);
                Plan = await plans.GetAsync(courseId, cancellationToken);
                if (Plan is { Version: > 0 } && version > 0 && version < Plan.Version)
                {
                    // A tampered or unknown version just means there is nothing to compare with.
                    await PageErrors.TryAsync(ModelState, localizer, async () => Conflict = await plans.DiffAsync(courseId, version, Plan.Version, cancellationToken));
                }

                return Plan is null ? NotFound() : Page();
            }
        }

        Plan = await plans.GetAsync(courseId, cancellationToken);
        return Plan is null ? NotFound() : Page();
    }
}
