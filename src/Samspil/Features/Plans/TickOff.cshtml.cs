using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Domain.Plans;
using Samspil.Features.WorkQueue;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Plans;

/// <summary>What the shared tick-off form (<c>_TickOff.cshtml</c>) needs: the action, the plan version it was read at, and where to come back to.</summary>
public sealed record TickOffForm(Guid ActionId, int PlanVersion, string ActionText, string ReturnUrl);

/// <summary>
/// Ticks an action off in place, from the work queue and from "Mine opgaver" (issue 21): one handler for both.
/// The result is told on the page the user came from; an action the user may not change is 404.
/// </summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class TickOffModel(WorkQueueService queue, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string DoneKey = "TickOff.Done";
    public const string ErrorKey = "TickOff.Error";

    /// <summary>The pages that show the form; anything else goes back to "Mine opgaver" (no open redirect).</summary>
    private static readonly string[] ReturnPages = ["/Work", "/Me/Tasks"];

    public IActionResult OnGet() => Redirect("/Me/Tasks");

    public async Task<IActionResult> OnPostAsync(Guid? actionId, int? version, string? returnUrl, CancellationToken cancellationToken)
    {
        var back = ReturnPages.FirstOrDefault(p => string.Equals(p, returnUrl, StringComparison.Ordinal)) ?? "/Me/Tasks";
        if (!ModelState.IsValid || actionId is not { } id || version is not { } seen)
        {
            TempData[ErrorKey] = localizer["WorkQueue.TickOff.Invalid"].Value;
            return Redirect(back);
        }

        try
        {
            if (await queue.TickOffAsync(id, seen, cancellationToken) is not { } done)
            {
                return NotFound();
            }

            TempData[DoneKey] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["WorkQueue.TickOff.Done"], done.Action.Text);
        }
        catch (PlanVersionConflictException)
        {
            TempData[ErrorKey] = localizer["WorkQueue.TickOff.Stale"].Value;
        }
        catch (DomainException ex)
        {
            TempData[ErrorKey] = localizer.Message(ex.Code);
        }

        return Redirect(back);
    }
}
