using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Directory;
using Samspil.Features.Shared;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Glossary;

/// <summary>"Nyt begreb" / "Ret begreb": an administrator writes a glossary term in every language and each sector's meaning.</summary>
[Authorize(Policy = SamspilPolicies.Administrator)]
public sealed class EditModel(GlossaryService glossary, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public GlossaryTermForm Form { get; set; } = new();

    public string? Slug { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        if (slug is not null)
        {
            if (!GlossaryService.IsPlausibleSlug(slug) || await glossary.FindAsync(slug, cancellationToken) is not { } term)
            {
                return NotFound();
            }

            Form = GlossaryTermForm.From(term);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        if (slug is not null && (!GlossaryService.IsPlausibleSlug(slug) || await glossary.FindAsync(slug, cancellationToken) is null))
        {
            return NotFound();
        }

        PageErrors.LocalizeBindingErrors(ModelState, localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var request = Form.ToRequest(slug);
        GlossaryTermView? saved = null;
        if (await PageErrors.TryAsync(ModelState, localizer, async () => saved = slug is null
                ? await glossary.CreateAsync(request, cancellationToken)
                : await glossary.UpdateAsync(slug, request, cancellationToken)) && saved is not null)
        {
            TempData["StatusMessage"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["GlossaryAdmin.Saved"], saved.Term);
            return Redirect("/Ordliste#" + saved.Slug);
        }

        return Page();
    }
}

public sealed class GlossaryTermForm
{
    public string? Slug { get; set; }

    public string? Term { get; set; }

    /// <summary>One form per line (or separated by commas).</summary>
    public string? Synonyms { get; set; }

    public string? CodeIdentifier { get; set; }

    public string? NameEn { get; set; }

    public string? NameAr { get; set; }

    public string? NameFa { get; set; }

    public string? NameUk { get; set; }

    public string? ExplanationDa { get; set; }

    public string? ExplanationEn { get; set; }

    public string? ExplanationAr { get; set; }

    public string? ExplanationFa { get; set; }

    public string? ExplanationUk { get; set; }

    /// <summary>One row per sector, in the order of <see cref="Sector"/>; an empty row means no particular meaning there.</summary>
    public List<SectorMeaningForm> Sectors { get; set; } = Enum.GetValues<Sector>().Select(s => new SectorMeaningForm { Sector = s }).ToList();

    public static GlossaryTermForm From(GlossaryTermView t) => new()
    {
        Slug = t.Slug,
        Term = t.Term,
        Synonyms = string.Join('\n', t.Synonyms),
        CodeIdentifier = t.CodeIdentifier,
        NameEn = t.NameEn,
        NameAr = t.NameAr,
        NameFa = t.NameFa,
        NameUk = t.NameUk,
        ExplanationDa = t.ExplanationDa,
        ExplanationEn = t.ExplanationEn,
        ExplanationAr = t.ExplanationAr,
        ExplanationFa = t.ExplanationFa,
        ExplanationUk = t.ExplanationUk,
        Sectors = Enum.GetValues<Sector>().Select(s => t.SectorMeanings.FirstOrDefault(m => m.Sector == s) is { } m
            ? new SectorMeaningForm { Sector = s, MeaningDa = m.MeaningDa, MeaningEn = m.MeaningEn, Basis = m.Basis }
            : new SectorMeaningForm { Sector = s }).ToList(),
    };

    public GlossaryTermRequest ToRequest(string? slug) => new(
        slug ?? Slug,
        Term,
        (Synonyms ?? string.Empty).Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList<string?>(),
        CodeIdentifier,
        ExplanationDa,
        ExplanationEn,
        ExplanationAr,
        ExplanationFa,
        ExplanationUk,
        NameEn,
        NameAr,
        NameFa,
        NameUk,
        Sectors.Where(s => !string.IsNullOrWhiteSpace(s.MeaningDa) || !string.IsNullOrWhiteSpace(s.MeaningEn) || !string.IsNullOrWhiteSpace(s.Basis))
            .Select(s => new SectorMeaningRequest(s.Sector, s.MeaningDa, s.MeaningEn, s.Basis)).ToList<SectorMeaningRequest?>());
}

public sealed class SectorMeaningForm
{
    public Sector Sector { get; set; }

    public string? MeaningDa { get; set; }

    public string? MeaningEn { get; set; }

    public string? Basis { get; set; }
}
