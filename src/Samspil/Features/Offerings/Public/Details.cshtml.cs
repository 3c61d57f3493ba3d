using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Offerings;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Offerings.Public;

/// <summary>/Tilbud/{id}: one active offering with every field and the next seven days' hours; inactive or unknown is 404.</summary>
public sealed class DetailsModel(OfferingSearch search, SamspilDbContext db, TimeProvider time) : PageModel
{
    public Offering Offering { get; private set; } = null!;

    public string OrganizationName { get; private set; } = string.Empty;

    public OfferingOpenState State { get; private set; } = new(false, null, null);

    public IReadOnlyList<OfferingDayHours> Week { get; private set; } = [];

    public IReadOnlyDictionary<string, string> TargetGroupNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await search.FindActiveAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        (Offering, OrganizationName, _) = found;
        State = search.StateNow(Offering);
        Today = CopenhagenTime.Today(time);
        Week = OfferingSearchHours.Week(Offering.Hours, Today);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "da";
        var codes = Offering.TargetGroups;
        TargetGroupNames = codes.Count == 0
            ? new Dictionary<string, string>()
            : (await db.TargetGroups.AsNoTracking().Where(t => codes.Contains(t.Code)).ToListAsync(cancellationToken))
                .ToDictionary(t => t.Code, t => english ? t.NameEn : t.NameDa, StringComparer.Ordinal);
        return Page();
    }
}
