using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>"Ny målgruppe" / "Ret målgruppe": code (fixed once created), Danish and English name, definition, sort order, active.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditTargetGroupModel(DirectoryService directory, ReferenceDataService referenceData, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public TargetGroupForm Form { get; set; } = new();

    public string? Code { get; private set; }

    public IReadOnlyList<MeetingTemplateView> DefaultModels { get; private set; } = [];

    public bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            if (await FindAsync(code, cancellationToken) is not { } group)
            {
                return NotFound();
            }

            Form = new TargetGroupForm { Code = group.Code, NameDa = group.NameDa, NameEn = group.NameEn, Description = group.Description, SortOrder = group.SortOrder, Active = group.Active };
        }

        await LoadAsync(code, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is not null && await FindAsync(code, cancellationToken) is null)
        {
            return NotFound();
        }

        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (ModelState.IsValid)
        {
            var request = new TargetGroupRequest(code ?? Form.Code, Form.NameDa, Form.NameEn, Form.Description, Form.SortOrder, Form.Active);
            TargetGroupView? saved = null;
            if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = code is null
                    ? await directory.CreateTargetGroupAsync(request, cancellationToken)
                    : await directory.UpdateTargetGroupAsync(code, request, cancellationToken)) && saved is not null)
            {
                TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Admin.TargetGroups.Saved"], English ? saved.NameEn : saved.NameDa);
                return Redirect("/Admin/TargetGroups");
            }
        }

        await LoadAsync(code, cancellationToken);
        return Page();
    }

    private async Task<TargetGroupView?> FindAsync(string code, CancellationToken cancellationToken) =>
        (await directory.TargetGroupsAsync(true, cancellationToken)).FirstOrDefault(t => t.Code == code);

    private async Task LoadAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        DefaultModels = code is null ? [] : (await referenceData.MeetingTemplatesAsync(cancellationToken)).Where(m => m.DefaultForTargetGroups.Contains(code, StringComparer.Ordinal)).ToList();
    }
}

public sealed class TargetGroupForm
{
    public string? Code { get; set; }

    public string? NameDa { get; set; }

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public int? SortOrder { get; set; } = 100;

    public bool Active { get; set; } = true;
}
