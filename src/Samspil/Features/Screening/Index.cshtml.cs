using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Screening;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Screening;

/// <summary>The analysis committee's ranked list of persons with frequent admissions, per municipality or region.</summary>
public sealed class IndexModel(ScreeningService screening, ScreeningAccess screeningAccess, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public RankingView? Ranking { get; private set; }

    public bool MayImport { get; private set; }

    [BindProperty(SupportsGet = true)]
    public ScreeningArea Area { get; set; } = ScreeningArea.Municipality;

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Top { get; set; } = ScreeningRanking.DefaultTop;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await screeningAccess.MayViewListsAsync(cancellationToken))
        {
            return Forbid();
        }

        MayImport = await screeningAccess.MayImportAsync(cancellationToken);
        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (!ModelState.IsValid || !await PageErrors.TryAsync(ModelState, localizer, async () => Ranking = await screening.RankingAsync(Area, Code, Top, cancellationToken)))
        {
            // Show the lists with the defaults beside the message, rather than nothing.
            Ranking = await screening.RankingAsync(Area, null, ScreeningRanking.DefaultTop, cancellationToken);
        }

        return Page();
    }
}
