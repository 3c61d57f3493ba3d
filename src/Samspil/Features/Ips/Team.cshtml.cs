using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Ips;

/// <summary>A team's fidelity history: every review's date, reviewers, total of 125, band and section subtotals, with a trend chart and the same as a table.</summary>
[Authorize(Roles = SamspilRoles.Professional + "," + SamspilRoles.Administrator + "," + SamspilRoles.Manager)]
public sealed class FidelityTeamModel(FidelityService fidelity) : PageModel
{
    public FidelityHistoryView History { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await fidelity.HistoryAsync(organizationId, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        History = history;
        return Page();
    }
}
