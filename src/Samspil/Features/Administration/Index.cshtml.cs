using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Administration": where an administrator finds reference data, accounts, the administration log and failed deliveries.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class AdminIndexModel : PageModel
{
    public void OnGet()
    {
    }
}
