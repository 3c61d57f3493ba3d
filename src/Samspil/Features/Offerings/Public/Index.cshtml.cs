using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Features.Shared;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Offerings.Public;

/// <summary>
/// "Find hjælp og tilbud" (/Tilbud): search active offerings, for everyone, signed in or not. A GET form (bookmarkable, no
/// JavaScript); the fields are read as text and checked by <see cref="OfferingSearch.Validate"/>, so a hostile address gives a
/// readable message, never an error page.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(OfferingSearch search, SamspilDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Languages offered in the filter (ISO 639-1), besides any chosen one: the five of Samspil and the most spoken others in Denmark.</summary>
    public static readonly IReadOnlyList<string> FilterLanguages = ["da", "en", "ar", "fa", "uk", "de", "pl", "tr", "so", "ur", "ti", "ps", "ku", "ro", "es", "fr"];

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "need")]
    public string? Need { get; set; }

    [FromQuery(Name = "targetGroup")]
    public string? TargetGroup { get; set; }

    [FromQuery(Name = "municipality")]
    public string? Municipality { get; set; }

    [FromQuery(Name = "language")]
    public string? Language { get; set; }

    [FromQuery(Name = "age")]
    public string? Age { get; set; }

    [FromQuery(Name = "openNow")]
    public string? OpenNow { get; set; }

    [FromQuery(Name = "openTonight")]
    public string? OpenTonight { get; set; }

    [FromQuery(Name = "openWeekend")]
    public string? OpenWeekend { get; set; }

    [FromQuery(Name = "afterHours")]
    public string? AfterHours { get; set; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [FromQuery(Name = "offset")]
    public string? Offset { get; set; }

    public OfferingSearchResult? Result { get; private set; }

    public IReadOnlyList<(string Code, string Name)> TargetGroups { get; private set; } = [];

    public static bool IsOn(string? value) => value is "true" or "on" or "1";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "da";
        TargetGroups = (await db.TargetGroups.AsNoTracking().Where(t => t.Active).OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(cancellationToken))
            .Select(t => (t.Code, english ? t.NameEn : t.NameDa)).ToList();

        var errors = new ValidationErrors();
        int? age = null;
        if (!string.IsNullOrWhiteSpace(Age))
        {
            age = int.TryParse(Age, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : -1;
        }

        int? offset = null;
        if (!string.IsNullOrWhiteSpace(Offset))
        {
            offset = int.TryParse(Offset, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : -1;
        }

        try
        {
            Result = await search.SearchAsync(
                new OfferingSearchQuery(Q, Need, TargetGroup, Municipality, Language, age, IsOn(OpenNow), IsOn(OpenTonight), IsOn(OpenWeekend), IsOn(AfterHours), Sort, null, offset),
                cancellationToken);
        }
        catch (Exception exception) when (exception is InputValidationException or DomainException)
        {
            PageErrors.Add(ModelState, exception, localizer);
        }

        return Page();
    }

    /// <summary>This search's address with another offset (the pager's links).</summary>
    public string PageLink(int offset)
    {
        var query = Request.Query.Where(kv => kv.Key != "offset").SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? string.Empty)}")).ToList();
        query.Add(string.Create(CultureInfo.InvariantCulture, $"offset={offset}"));
        return "/Tilbud?" + string.Join('&', query);
    }
}
