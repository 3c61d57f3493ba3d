using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings.Admin;

/// <summary>"Tilbud": the offerings of the administrator's organisation tree.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class IndexModel(OfferingAdministration offerings, CurrentUser admin) : PageModel
{
    public IReadOnlyList<OfferingListItem> Offerings { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Offerings = await offerings.ListAsync(admin, Q is { Length: > 200 } ? Q[..200] : Q, cancellationToken);
}
