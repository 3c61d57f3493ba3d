using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Administrationslog": who changed whose account, what and when, in the administrator's organisation tree.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class LogModel(AccountAdministration accounts, AdministrationLog log, CurrentUser admin) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AdministrationLogEntry> Entries { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = ModelState.IsValid ? Math.Clamp(PageNumber, 1, 100_000) : 1;
        var tree = (await accounts.TreeAsync(admin, cancellationToken)).Select(o => o.Id).ToList();
        var entries = tree.Count == 0 ? [] : await log.ForOrganizationsAsync(tree, (PageNumber - 1) * AdministrationLogEndpoints.PageSize, AdministrationLogEndpoints.PageSize + 1, cancellationToken);
        Entries = entries.Take(AdministrationLogEndpoints.PageSize).ToList();
        HasMore = entries.Count > AdministrationLogEndpoints.PageSize;
    }
}
