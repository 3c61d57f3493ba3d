using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Domain.Directory;
using Samspil.Features.Consents;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Nyt lovgrundlag" / "Ret lovgrundlag": code, title, law reference, categories and purposes it opens, recipient kinds, active.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditLegalBasisModel(ReferenceDataService referenceData, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public LegalBasisForm Form { get; set; } = new();

    public string? Code { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (code is not null)
        {
            if (await referenceData.LegalBasisAsync(code, cancellationToken) is not { } basis)
            {
                return NotFound();
            }

            Form = new LegalBasisForm
            {
                Code = basis.Code,
                Title = basis.Title,
                LawReference = basis.LawReference,
                Categories = InformationCategories.Split(basis.Categories).ToList(),
                Purposes = Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None && basis.Purposes.HasFlag(p)).ToList(),
                RecipientKinds = basis.RecipientKinds.ToList(),
                Active = basis.Active,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (code is not null && await referenceData.LegalBasisAsync(code, cancellationToken) is null)
        {
            return NotFound();
        }

        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            var request = new LegalBasisRequest(
                code ?? Form.Code,
                Form.Title,
                Form.LawReference,
                Form.Categories.Aggregate(InformationCategory.None, (all, c) => all | c),
                Form.Purposes.Aggregate(AccessPurpose.None, (all, p) => all | p),
                Form.RecipientKinds,
                Form.Active);
            LegalBasisView? saved = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = code is null
                    ? await referenceData.CreateLegalBasisAsync(request, cancellationToken)
                    : await referenceData.UpdateLegalBasisAsync(code, request, cancellationToken)) && saved is not null)
            {
                TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Admin.LegalBases.Saved"], saved.Title);
                return Redirect("/Admin/LegalBases");
            }
        }

        return Page();
    }
}

public sealed class LegalBasisForm
{
    public string? Code { get; set; }

    public string? Title { get; set; }

    public string? LawReference { get; set; }

    public List<InformationCategory> Categories { get; set; } = [];

    public List<AccessPurpose> Purposes { get; set; } = [];

    public List<OrganizationKind> RecipientKinds { get; set; } = [];

    public bool Active { get; set; } = true;
}
