using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration.Accounts;

/// <summary>"Brugere": the staff accounts of the administrator's organisation tree, filtered by status and unit, searched by name.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class IndexModel(AccountAdministration accounts, CurrentUser admin) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public AccountStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Unit { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];

    public IReadOnlyList<TreeOrganizationView> Tree { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A tampered query (an unknown status) is ignored rather than answered with an error.
        ModelState.Clear();
        Tree = await accounts.TreeAsync(admin, cancellationToken);
        Accounts = await accounts.ListAsync(admin, Status, Unit, Q is { Length: > 200 } ? Q[..200] : Q, cancellationToken);
    }
}
