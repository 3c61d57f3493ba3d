using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Work;

/// <summary>The IPS consultant's caseload: open cases, the last employer contact of each, a flag above 20 cases.</summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class CaseloadModel(WorkService work) : PageModel
{
    public IpsCaseloadView Caseload { get; private set; } = new(0, 0, false, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Caseload = await work.CaseloadAsync(cancellationToken);
        return Page();
    }
}
