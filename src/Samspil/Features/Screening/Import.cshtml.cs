using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samspil.Features.Screening;

/// <summary>
/// Upload of an admissions file with a progress bar. The page's script sends the file to the API
/// (<c>POST /api/v1/screening/imports</c>) and polls its progress; the finished import's error report
/// is rendered here by the server.
/// </summary>
public sealed class ImportModel(AdmissionImportService imports) : PageModel
{
    public AdmissionImportView? Current { get; private set; }

    public IReadOnlyList<AdmissionImportView> Recent { get; private set; } = [];

    public long MaxImportBytes => imports.MaxImportBytes;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await imports.MayImportAsync(cancellationToken))
        {
            return Forbid();
        }

        if (id is { } importId)
        {
            Current = await imports.GetAsync(importId, cancellationToken);
            if (Current is null)
            {
                return NotFound();
            }
        }

        Recent = await imports.RecentAsync(cancellationToken);
        return Page();
    }
}
