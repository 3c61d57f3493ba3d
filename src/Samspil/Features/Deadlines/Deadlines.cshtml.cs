using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Deadlines;

/// <summary>
/// "Frister" on a course (docs/deadlines.md): the statutory deadlines the professional may read, the most urgent first, overdue in
/// red, with the law reference; staff who may change the course start a frame's deadline and mark it done or ended.
/// </summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class DeadlinesModel(DeadlineService deadlines, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public DeadlinesView? View { get; private set; }

    /// <summary>True when the start form failed, so it stays open with the values typed.</summary>
    public bool StartFailed { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken cancellationToken) =>
        await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();

    /// <summary>The rule is chosen as "Kind|Name" (one select).</summary>
    public Task<IActionResult> OnPostStartAsync(Guid courseId, string? rule, DateOnly? startsOn, string? note, CancellationToken cancellationToken)
    {
        var parts = (rule ?? string.Empty).Split('|', 2);
        var request = new StartDeadlineRequest(parts[0], parts.Length > 1 ? parts[1] : null, startsOn, note);
        return RunAsync(courseId, true, "Deadline.Started", () => deadlines.StartAsync(courseId, request, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostDoneAsync(Guid courseId, Guid deadlineId, DateOnly? on, CancellationToken cancellationToken) =>
        RunAsync(courseId, false, "Deadline.MarkedDone", () => deadlines.MarkAsync(courseId, deadlineId, new MarkDeadlineRequest(true, null, on), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEndAsync(Guid courseId, Guid deadlineId, DateOnly? on, CancellationToken cancellationToken) =>
        RunAsync(courseId, false, "Deadline.MarkedEnded", () => deadlines.MarkAsync(courseId, deadlineId, new MarkDeadlineRequest(null, true, on), cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(Guid courseId, bool start, string message, Func<Task<DeadlinesView?>> action, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            DeadlinesView? result = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => result = await action()))
            {
                if (result is null)
                {
                    return NotFound();
                }

                StatusMessage = localizer[message].Value;
                return Redirect($"/Courses/{courseId}/deadlines");
            }
        }

        StartFailed = start;
        return await LoadAsync(courseId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        View = await deadlines.GetAsync(courseId, cancellationToken);
        return View is not null;
    }
}
