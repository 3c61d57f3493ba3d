using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.SmartApps;

/// <summary>"Mine apps" (/Me/Apps): the apps the user has connected to their data, what each may read, and revoking one.</summary>
public sealed class AppsModel(SmartAppRegistry registry, CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<ConnectedAppView> Apps { get; private set; } = [];

    public IStringLocalizer<SharedResource> Localizer => localizer;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Apps = await registry.ConnectedAppsAsync(user.UserId, cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(Guid grantId, CancellationToken cancellationToken)
    {
        if (!await registry.RevokeAsync(user.UserId, grantId, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = localizer["SmartApps.Mine.Revoked"];
        return RedirectToPage();
    }
}
