using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;

namespace Samspil.Features.EntryPoints;

/// <summary>
/// "Hvor henvender jeg mig?": the public entry-point page, for anyone signed in or not (Program.cs allows anonymous
/// visitors to this page only). /Indgang, /Indgang?kommune=630&amp;maalgruppe=ptsd-refugee or /Indgang/630/ptsd-refugee.
/// </summary>
public sealed class IndexModel(EntryPointService entryPoints, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public EntryPointChoices Choices { get; private set; } = new([], []);

    public string? Municipality { get; private set; }

    public string? TargetGroup { get; private set; }

    public EntryPointAnswer? Answer { get; private set; }

    public async Task OnGetAsync(string? kommune, string? maalgruppe, CancellationToken cancellationToken)
    {
        Choices = await entryPoints.ChoicesAsync(cancellationToken);
        Municipality = kommune;
        TargetGroup = maalgruppe;
        if (string.IsNullOrEmpty(kommune) && string.IsNullOrEmpty(maalgruppe))
        {
            return;
        }

        await PageErrors.TryAsync(ModelState, localizer, async () => Answer = await entryPoints.FindAsync(kommune, maalgruppe, cancellationToken));
    }
}
