using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Consents;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Lovgrundlag": the legal bases other than consent, with deactivate and activate.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class LegalBasesModel(ReferenceDataService referenceData, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<LegalBasisView> Bases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Bases = await referenceData.LegalBasesAsync(cancellationToken);

    /// <summary>Deactivates or activates a basis, leaving everything else as it is.</summary>
    public async Task<IActionResult> OnPostActiveAsync(string? code, bool active, CancellationToken cancellationToken)
    {
        if (code is null || await referenceData.LegalBasisAsync(code, cancellationToken) is not { } basis)
        {
            return NotFound();
        }

        if (await PageErrors.TryAsync(ModelState, localizer, () => referenceData.UpdateLegalBasisAsync(
                code, new LegalBasisRequest(code, basis.Title, basis.LawReference, basis.Categories, basis.Purposes, basis.RecipientKinds, active), cancellationToken)))
        {
            TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer[active ? "Admin.LegalBases.Activated" : "Admin.LegalBases.Deactivated"], basis.Title);
            return Redirect("/Admin/LegalBases");
        }

        Bases = await referenceData.LegalBasesAsync(cancellationToken);
        return Page();
    }
}
