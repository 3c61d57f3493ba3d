using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Ips;

/// <summary>"IPS-troskab": the IPS teams the user may see with their newest total and band; administrators and managers pick a unit to record a review for.</summary>
[Authorize(Roles = SamspilRoles.Professional + "," + SamspilRoles.Administrator + "," + SamspilRoles.Manager)]
public sealed class FidelityIndexModel(FidelityService fidelity) : PageModel
{
    public IReadOnlyList<FidelityTeamView> Teams { get; private set; } = [];

    public IReadOnlyList<FidelityUnitView> Units { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? unit, CancellationToken cancellationToken)
    {
        Units = await fidelity.RecordableUnitsAsync(cancellationToken);
        if (unit is { } chosen && Units.Any(u => u.OrganizationId == chosen))
        {
            return Redirect($"/Ips/Fidelity/{chosen}/New");
        }

        Teams = await fidelity.TeamsAsync(cancellationToken);
        return Page();
    }
}
