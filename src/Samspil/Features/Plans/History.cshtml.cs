using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Plans;

/// <summary>Every version of the plan, who made it and when, and what changed between two of them.</summary>
public sealed class HistoryModel(PlanService plans, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PlanHistoryView? History { get; private set; }

    public PlanDiffView? Diff { get; private set; }

    public int? From { get; private set; }

    public int? To { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, int? from, int? to, CancellationToken cancellationToken)
    {
        History = await plans.HistoryAsync(courseId, cancellationToken);
        if (History is null)
        {
            return NotFound();
        }

        // By default: the latest change.
        To = to ?? (History.Versions.Count > 0 ? History.Versions[0].Version : null);
        From = from ?? (History.Versions.Count > 1 ? History.Versions[1].Version : null);
        if (From is { } f && To is { } t)
        {
            await PageErrors.TryAsync(ModelState, localizer, async () => Diff = await plans.DiffAsync(courseId, f, t, cancellationToken));
        }

        return Page();
    }
}
