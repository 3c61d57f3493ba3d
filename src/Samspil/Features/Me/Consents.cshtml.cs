using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Samspil.Features.Consents;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Me;

/// <summary>"Mine samtykker": what the citizen has agreed to share, with whom and until when; revoke and limit (R10, R11).</summary>
public sealed class ConsentsModel(ConsentService consents, CurrentUser user, IStringLocalizer<SharedResource> localizer) : MePage(user)
{
    public IReadOnlyList<ConsentView> Consents { get; private set; } = [];

    public IReadOnlyList<ConsentView> Current => Consents.Where(c => c.Status == Domain.Consents.ConsentStatus.Active).ToList();

    public IReadOnlyList<ConsentView> Earlier => Consents.Where(c => c.Status != Domain.Consents.ConsentStatus.Active).ToList();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Consents = await consents.MineAsync(cancellationToken);

    /// <summary>Revokes at once: the very next page a professional opens no longer uses it.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var found = true;
        if (await PageErrors.TryAsync(ModelState, localizer, async () => found = await consents.RevokeAsync(consentId, cancellationToken)))
        {
            if (!found)
            {
                return NotFound();
            }

            StatusMessage = localizer["MyConsents.Revoked.Status"];
            return RedirectToPage();
        }

        Consents = await consents.MineAsync(cancellationToken);
        return Page();
    }
}
