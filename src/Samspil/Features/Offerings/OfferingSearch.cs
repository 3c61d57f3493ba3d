using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Offerings;

/// <summary>What a search asks for; the same parameters on the page (/Tilbud) and the API (GET /api/v1/offerings).</summary>
public sealed record OfferingSearchQuery(
    string? Q = null,
    string? Need = null,
    string? TargetGroup = null,
    string? Municipality = null,
    string? Language = null,
    int? Age = null,
    bool OpenNow = false,
    bool OpenTonight = false,
    bool OpenWeekend = false,
    bool AfterHours = false,
    string? Sort = null,
    int? Limit = null,
    int? Offset = null);

/// <summary>One offering in a result list: enough for a card.</summary>
public sealed record OfferingSummary(
    Guid Id,
    string Name,
    string Description,
    Guid OrganizationId,
    string OrganizationName,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyList<string> Municipalities,
    IReadOnlyList<string> Languages,
    bool InterpreterAvailable,
    int? MinimumAge,
    int? MaximumAge,
    OfferingAccess Access,
    string? ReferralBy,
    string? Street,
    string? PostalCode,
    string? City,
    decimal? Latitude,
    decimal? Longitude,
    string? MapUrl,
    string? Phone,
    string? Url,
    bool IsAfterHours,
    bool IsCrisis,
    bool AlwaysOpen,
    bool OpenNow,
    DateTime? OpenUntil,
    DateTime? NextOpens);

public sealed record OfferingSearchResult(IReadOnlyList<OfferingSummary> Items, int Total, int Limit, int Offset, int? NextOffset);

/// <summary>
/// Searches active offerings (public information, not citizen data): every filter runs over the in-memory
/// <see cref="OfferingSearchIndex"/> in one pass, exactly (opening hours included); only the page shown is read from the database.
/// docs/offerings-search.md.
/// </summary>
public sealed class OfferingSearch(SamspilDbContext db, TimeProvider time, OfferingSearchIndex index)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxOffset = 10_000;
    public const int MaxQueryLength = 200;

    private static readonly HashSet<string> KnownLanguages = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Select(c => c.TwoLetterISOLanguageName)
        .Where(c => c.Length == 2)
        .ToHashSet(StringComparer.Ordinal);

    public static bool IsKnownLanguage(string code) => KnownLanguages.Contains(code);

    /// <summary>The language's name in the reader's language, falling back to the code.</summary>
    public static string LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.NativeName is { Length: > 0 } native && !string.Equals(native, code, StringComparison.OrdinalIgnoreCase)
                ? CultureInfo.CurrentUICulture.TextInfo.ToTitleCase(native)
                : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public static string? MapUrl(decimal? latitude, decimal? longitude, string? street, string? postalCode, string? city)
    {
        if (latitude is { } lat && longitude is { } lon)
        {
            return string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}");
        }

        var address = string.Join(", ", new[] { street, string.Join(' ', new[] { postalCode, city }.Where(s => !string.IsNullOrWhiteSpace(s))) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return address.Length == 0 ? null : "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(address);
    }

    /// <summary>Checks the query; unknown codes and bad paging are a 400 listing every fault.</summary>
    public static OfferingSearchQuery Validate(OfferingSearchQuery query)
    {
        var errors = new ValidationErrors();
        var q = query.Q?.Trim();
        if (q is { Length: > MaxQueryLength } || (q is not null && Guard.HasControlCharacters(q)))
        {
            errors.Add("q", "Offerings.Search.Text.Invalid");
        }

        var need = Blank(query.Need);
        if (need is not null && !OfferingNeeds.All.Contains(need))
        {
            errors.Add("need", "Offerings.Search.Need.Unknown");
        }

        var municipality = Blank(query.Municipality);
        if (municipality is not null && (municipality.Length > 4 || DanishAreaNames.Municipality(municipality) is null))
        {
            errors.Add("municipality", "Offerings.Search.Municipality.Unknown");
        }

        var language = Blank(query.Language)?.ToLowerInvariant();
        if (language is not null && (language.Length != 2 || !language.All(char.IsAsciiLetterLower) || !IsKnownLanguage(language)))
        {
            errors.Add("language", "Offerings.Search.Language.Unknown");
        }

        var targetGroup = Blank(query.TargetGroup);
        if (targetGroup is not null && (targetGroup.Length > 50 || Guard.HasControlCharacters(targetGroup)))
        {
            errors.Add("targetGroup", "Offerings.Search.TargetGroup.Unknown");
        }

        if (query.Age is < 0 or > 130)
        {
            errors.Add("age", "Offerings.Search.Age.Invalid");
        }

        if (query.Sort is not (null or "" or "urgent" or "name"))
        {
            errors.Add("sort", "Offerings.Search.Sort.Invalid");
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", "Offerings.Search.Limit.Invalid");
        }

        if (query.Offset is < 0 or > MaxOffset)
        {
            errors.Add("offset", "Offerings.Search.Offset.Invalid");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return query with
        {
            Q = string.IsNullOrEmpty(q) ? null : q,
            Need = need,
            Municipality = municipality,
            Language = language,
            TargetGroup = targetGroup,
            Sort = string.IsNullOrEmpty(query.Sort) ? "urgent" : query.Sort,
            Limit = query.Limit ?? DefaultLimit,
            Offset = query.Offset ?? 0,
        };
    }

    public async Task<OfferingSearchResult> SearchAsync(OfferingSearchQuery query, CancellationToken cancellationToken)
    {
        query = Validate(query);
        if (query.TargetGroup is { } code && !await db.TargetGroups.AnyAsync(t => t.Code == code, cancellationToken))
        {
            var errors = new ValidationErrors();
            errors.Add("targetGroup", "Offerings.Search.TargetGroup.Unknown");
            throw new InputValidationException(errors);
        }

        var now = time.GetUtcNow();
        var local = CopenhagenClock.ToLocal(now);
        var snapshot = await index.GetAsync(cancellationToken);
        var matches = Matching(query, local, query.Sort == "name" ? snapshot.ByName : snapshot.Urgent);
        var limit = query.Limit!.Value;
        var offset = query.Offset!.Value;
        var ids = matches.Skip(offset).Take(limit).Select(e => e.Id).ToList();
        var loaded = ids.Count == 0
            ? []
            : (await db.Offerings.AsNoTracking().AsSplitQuery().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken)).ToDictionary(o => o.Id);
        var page = ids.Where(loaded.ContainsKey).Select(id => loaded[id]).ToList(); // one deactivated since the snapshot is left out
        var items = await SummariesAsync(page, now, cancellationToken);
        var total = matches.Count;
        return new OfferingSearchResult(items, total, limit, offset, offset + limit < total ? offset + limit : null);
    }

    /// <summary>An active offering for its public page; null if unknown or inactive.</summary>
    public async Task<(Offering Offering, string OrganizationName, string? OrganizationPhone)?> FindActiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id && o.Status == OfferingStatus.Active, cancellationToken);
        if (offering is null)
        {
            return null;
        }

        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == offering.OrganizationId).Select(o => new { o.Name, o.PublicPhone }).FirstAsync(cancellationToken);
        return (offering, organization.Name, organization.PublicPhone);
    }

    /// <summary>Cards for the given active offerings, in the given order (plan actions and the course's knowledge page).</summary>
    public async Task<IReadOnlyList<OfferingSummary>> SummariesOfAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var offerings = await db.Offerings.AsNoTracking().AsSplitQuery().Where(o => ids.Contains(o.Id) && o.Status == OfferingStatus.Active).ToListAsync(cancellationToken);
        return await SummariesAsync(Order(offerings.AsQueryable(), "urgent").ToList(), time.GetUtcNow(), cancellationToken);
    }

    public OfferingOpenState StateNow(Offering offering) => OfferingSearchHours.StateAt(offering.Hours, time.GetUtcNow());

    /// <summary>
    /// The index's offerings that match every filter, in the index's order. Free text is a case-insensitive substring of the name,
    /// description or organisation name; "open now" is exact (<see cref="CompiledOpeningHours"/>), as are "tonight" and
    /// "this weekend" (<see cref="OpeningHours.IsOpenSometimeBetween"/>).
    /// </summary>
    private static List<IndexedOffering> Matching(OfferingSearchQuery query, DateTime local, IReadOnlyList<IndexedOffering> offerings)
    {
        var today = DateOnly.FromDateTime(local);
        var holidayToday = DanishPublicHolidays.IsHoliday(today);
        var holidayYesterday = DanishPublicHolidays.IsHoliday(today.AddDays(-1));
        (DateTime From, DateTime To)? tonight = query.OpenTonight ? OfferingSearchHours.Tonight(local) : null;
        (DateTime From, DateTime To)? weekend = query.OpenWeekend ? OfferingSearchHours.Weekend(local) : null;
        var text = query.Q?.ToLowerInvariant();
        var result = new List<IndexedOffering>();
        foreach (var o in offerings)
        {
            if ((query.Municipality is { } municipality && o.Municipalities.Length > 0 && Array.IndexOf(o.Municipalities, municipality) < 0)
                || (query.Need is { } need && Array.IndexOf(o.Needs, need) < 0)
                || (query.TargetGroup is { } targetGroup && o.TargetGroups.Length > 0 && Array.IndexOf(o.TargetGroups, targetGroup) < 0)
                || (query.Language is { } language && Array.IndexOf(o.Languages, language) < 0)
                || (query.Age is { } age && (o.MinimumAge > age || o.MaximumAge < age))
                || (query.AfterHours && !o.IsAfterHours && !o.IsCrisis)
                || (text is not null && !o.Text.Contains(text, StringComparison.Ordinal))
                || (query.OpenNow && !o.Compiled.IsOpenAtLocal(local, holidayToday, holidayYesterday))
                || (tonight is { } night && !o.Hours.IsOpenSometimeBetween(night.From, night.To))
                || (weekend is { } days && !o.Hours.IsOpenSometimeBetween(days.From, days.To)))
            {
                continue;
            }

            result.Add(o);
        }

        return result;
    }

    /// <summary>"urgent" (default): crisis services first, then after-hours ones, then by name; "name": by name.</summary>
    private static IQueryable<Offering> Order(IQueryable<Offering> offerings, string sort) =>
        sort == "name"
            ? offerings.OrderBy(o => o.Name).ThenBy(o => o.Id)
            : offerings.OrderByDescending(o => o.IsCrisis).ThenByDescending(o => o.IsAfterHours).ThenBy(o => o.Name).ThenBy(o => o.Id);

    private async Task<List<OfferingSummary>> SummariesAsync(IReadOnlyList<Offering> page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organizationIds = page.Select(o => o.OrganizationId).Distinct().ToList();
        var names = organizationIds.Count == 0
            ? []
            : await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return page.Select(o =>
        {
            var state = OfferingSearchHours.StateAt(o.Hours, now);
            return new OfferingSummary(
                o.Id, o.Name, o.Description, o.OrganizationId, names.GetValueOrDefault(o.OrganizationId) ?? string.Empty,
                o.Needs, o.TargetGroups, o.Municipalities, o.Languages, o.InterpreterAvailable, o.MinimumAge, o.MaximumAge,
                o.Access, o.ReferralBy, o.Street, o.PostalCode, o.City, o.Latitude, o.Longitude,
                MapUrl(o.Latitude, o.Longitude, o.Street, o.PostalCode, o.City), o.Phone, o.Url,
                o.IsAfterHours, o.IsCrisis, o.AlwaysOpen, state.OpenNow, state.OpenUntil, state.NextOpens);
        }).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
