using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration.Accounts;

/// <summary>"Importér medarbejdere": a CSV file checked row by row; nothing is created while any row has a problem.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
[RequestSizeLimit(AccountImport.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = AccountImport.MaxBytes + (64 * 1024))]
public sealed class ImportModel(AccountImport import, AccountAdministration accounts, CurrentUser admin, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public AccountImportResult? Result { get; private set; }

    public IReadOnlyList<TreeOrganizationView> Tree { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tree = await accounts.TreeAsync(admin, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Tree = await accounts.TreeAsync(admin, cancellationToken);
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Account.Import.NoFile"]);
            return Page();
        }

        if (Upload.Length > AccountImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Account.Import.TooLarge"]);
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        Result = await import.ImportAsync(admin, buffer.ToArray(), cancellationToken);
        return Page();
    }
}
