using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.EntryPoints;

/// <summary>
/// "Hvor henvender jeg mig?" (R4): a municipality's entry-point units for a target group — the municipal units whose
/// <see cref="Organization.EntryPointFor"/> names the group and whose effective municipality
/// (<see cref="Organization.EffectiveMunicipality"/>) is the one asked — with their public contact and, when the unit
/// has an active offering for the group, that offering's opening hours and open-now state. Public information, not
/// citizen data: anyone may ask, signed in or not.
/// </summary>
public sealed class EntryPointService(SamspilDbContext db, TimeProvider time)
{
    /// <summary>How many after-hours and crisis offerings the answer lists.</summary>
    public const int UrgentHelpLimit = 6;

    private static bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<EntryPointChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var groups = await db.TargetGroups.AsNoTracking().Where(t => t.Active).OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(cancellationToken);
        return new EntryPointChoices(
            DanishAreaNames.AllMunicipalities.Select(m => new EntryPointOption(m.Code, m.Name)).ToList(),
            groups.Select(g => new EntryPointOption(g.Code, g.DisplayName(English))).ToList());
    }

    /// <summary>The entry points; an unknown municipality or an unknown or retired target group is a validation error (400).</summary>
    public async Task<EntryPointAnswer> FindAsync(string? municipality, string? targetGroup, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var municipalityName = municipality is { Length: > 0 and <= 4 } ? DanishAreaNames.Municipality(municipality) : null;
        if (municipalityName is null)
        {
            errors.Add("municipality", "EntryPoint.Municipality.Unknown");
        }

        var group = targetGroup is { Length: > 0 and <= 50 } && !Guard.HasControlCharacters(targetGroup)
            ? await db.TargetGroups.AsNoTracking().SingleOrDefaultAsync(t => t.Code == targetGroup && t.Active, cancellationToken)
            : null;
        if (group is null)
        {
            errors.Add("targetGroup", "EntryPoint.TargetGroup.Unknown");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var now = time.GetUtcNow();
        var organizations = await db.Organizations.AsNoTracking().ToListAsync(cancellationToken);
        var tree = organizations.ToDictionary(o => o.Id, o => (o.PartOfId, o.MunicipalityCode));
        var units = organizations
            .Where(o => o.Sector == Sector.Municipality && o.EntryPointFor.Contains(group!.Code) && Organization.EffectiveMunicipality(o.Id, tree) == municipality)
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        var unitIds = units.Select(u => u.Id).ToList();
        var unitOfferings = await db.Offerings.AsNoTracking()
            .Where(o => unitIds.Contains(o.OrganizationId) && o.Status == OfferingStatus.Active)
            .ToListAsync(cancellationToken);

        var entryPoints = units.Select(unit =>
        {
            // The unit's offering marked for the group; one for everyone (no target groups) when none is.
            var offering = unitOfferings.Where(o => o.OrganizationId == unit.Id && o.TargetGroups.Contains(group!.Code)).OrderBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault()
                ?? unitOfferings.Where(o => o.OrganizationId == unit.Id && o.TargetGroups.Count == 0).OrderBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();
            var phone = unit.PublicPhone ?? offering?.Phone;
            return new EntryPointUnitView(
                unit.Id,
                unit.Name,
                unit.Street ?? offering?.Street,
                unit.PostalCode ?? offering?.PostalCode,
                unit.City ?? offering?.City,
                MapUrl(unit.Street ?? offering?.Street, unit.PostalCode ?? offering?.PostalCode, unit.City ?? offering?.City),
                phone,
                TelHref(phone),
                unit.PublicEmail ?? offering?.Email,
                offering is null ? null : OpenState(offering, now));
        }).ToList();

        var names = organizations.ToDictionary(o => o.Id, o => o.Name);
        var urgent = (await db.Offerings.AsNoTracking()
                .Where(o => o.Status == OfferingStatus.Active && (o.IsCrisis || o.IsAfterHours))
                .ToListAsync(cancellationToken))
            .Where(o => o.Municipalities.Count == 0 || o.Municipalities.Contains(municipality!))
            .Where(o => o.TargetGroups.Count == 0 || o.TargetGroups.Contains(group!.Code))
            .Select(o => new UrgentHelpView(o.Id, o.Name, names.GetValueOrDefault(o.OrganizationId, string.Empty), o.Phone, TelHref(o.Phone), o.IsCrisis, OpenState(o, now)))
            .OrderByDescending(u => u.Hours.OpenNow)
            .ThenByDescending(u => u.IsCrisis)
            .ThenBy(u => u.Name, StringComparer.Ordinal)
            .Take(UrgentHelpLimit)
            .ToList();

        return new EntryPointAnswer(municipality!, municipalityName!, group!.Code, group.DisplayName(English), entryPoints, urgent, now);
    }

    /// <summary>An offering's weekly hours and whether it is open at <paramref name="now"/>, with the next opening or closing within eight days.</summary>
    public static OpenStateView OpenState(Offering offering, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var hours = offering.Hours;
        var local = CopenhagenClock.ToLocal(now);
        var today = DateOnly.FromDateTime(local);

        // Merge the intervals from yesterday to a week ahead, so a closing at midnight followed by an opening is no change.
        var intervals = Enumerable.Range(-1, 9)
            .SelectMany(d => hours.IntervalsStartingOn(today.AddDays(d)))
            .OrderBy(i => i.Start)
            .ToList();
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, interval.End > merged[^1].End ? interval.End : merged[^1].End);
            }
            else
            {
                merged.Add(interval);
            }
        }

        var horizon = today.AddDays(8).ToDateTime(TimeOnly.MinValue);
        var open = hours.IsOpenAt(now);
        DateTime? change = open
            ? merged.Where(i => i.Start <= local && local < i.End).Select(i => (DateTime?)i.End).FirstOrDefault()
            : merged.Where(i => i.Start > local).Select(i => (DateTime?)i.Start).FirstOrDefault();
        if (change is { } c && c >= horizon)
        {
            change = null;
        }

        return new OpenStateView(
            offering.Id,
            offering.Name,
            offering.AlwaysOpen,
            offering.ClosedOnPublicHolidays,
            offering.Periods.Select(p => new WeeklyHoursView(p.Day, p.Opens, p.Closes)).ToList(),
            offering.HoursNote,
            open,
            change is { } at ? new DateTimeOffset(at, CopenhagenClock.Zone.GetUtcOffset(at)) : null);
    }

    /// <summary>A tel: link with only digits and a leading +, or null without a number.</summary>
    public static string? TelHref(string? phone) => phone is { } p && p.Any(char.IsAsciiDigit)
        ? "tel:" + new string(p.Where((ch, i) => char.IsAsciiDigit(ch) || (ch == '+' && i == 0)).ToArray())
        : null;

    /// <summary>A map search for the address (OpenStreetMap), or null without a street.</summary>
    public static string? MapUrl(string? street, string? postalCode, string? city)
    {
        if (string.IsNullOrWhiteSpace(street))
        {
            return null;
        }

        var place = string.Join(' ', new[] { postalCode, city }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(place.Length > 0 ? $"{street}, {place}" : street);
    }
}
