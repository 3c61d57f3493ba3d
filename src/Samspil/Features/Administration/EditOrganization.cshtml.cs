using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Directory;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Ny organisation" / "Ret organisation": name, sector, kind, part of, address, public contact, entry point for which target groups.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditOrganizationModel(DirectoryService directory, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public OrganizationForm Form { get; set; } = new();

    public Guid? Id { get; private set; }

    /// <summary>Possible parents, depth first with their depth; the organisation itself is left out.</summary>
    public IReadOnlyList<(OrganizationView Organization, int Depth)> Parents { get; private set; } = [];

    public IReadOnlyList<TargetGroupView> TargetGroups { get; private set; } = [];

    public bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? partOf, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            if (await directory.OrganizationAsync(existing, cancellationToken) is not { } o)
            {
                return NotFound();
            }

            Form = OrganizationForm.Of(o);
        }
        else
        {
            Form.PartOfId = partOf;
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            OrganizationView? saved = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = id is { } existing
                    ? await directory.UpdateOrganizationAsync(existing, Form.ToRequest(), cancellationToken)
                    : await directory.CreateOrganizationAsync(Form.ToRequest(), cancellationToken)))
            {
                if (saved is null)
                {
                    return NotFound();
                }

                TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Admin.Organizations.Saved"], saved.Name);
                return Redirect("/Admin/Organizations");
            }
        }

        if (id is { } other && await directory.OrganizationAsync(other, cancellationToken) is null)
        {
            return NotFound();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var organizations = await directory.OrganizationsAsync(cancellationToken);
        Parents = OrganizationNode.Flatten(OrganizationNode.Tree(organizations)).Where(p => p.Organization.Id != id).ToList();
        TargetGroups = await directory.TargetGroupsAsync(true, cancellationToken);
    }
}

public sealed class OrganizationForm
{
    public string? Name { get; set; }

    public Sector? Sector { get; set; }

    public OrganizationKind? Kind { get; set; }

    public Guid? PartOfId { get; set; }

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string? PublicPhone { get; set; }

    public string? PublicEmail { get; set; }

    public List<string> EntryPointFor { get; set; } = [];

    public string? MunicipalityCode { get; set; }

    public static OrganizationForm Of(OrganizationView o) => new()
    {
        Name = o.Name,
        Sector = o.Sector,
        Kind = o.Kind,
        PartOfId = o.PartOfId,
        Street = o.Street,
        PostalCode = o.PostalCode,
        City = o.City,
        PublicPhone = o.PublicPhone,
        PublicEmail = o.PublicEmail,
        EntryPointFor = o.EntryPointFor.ToList(),
        MunicipalityCode = o.MunicipalityCode,
    };

    public OrganizationRequest ToRequest() => new(Name, Sector, Kind, PartOfId, Street, PostalCode, City, PublicPhone, PublicEmail, EntryPointFor, MunicipalityCode);
}
