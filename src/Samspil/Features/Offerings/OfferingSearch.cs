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
/// Searches active offerings (public information, not citizen data). Every filter runs in SQL; "open now" is decided in SQL
/// from the weekly periods (index on day and opening time), the dated exceptions and today's public holiday, then confirmed with
/// <see cref="OpeningHours"/> for the page shown. "Tonight" and "this weekend" are prefiltered in SQL and decided in memory.
/// docs/offerings-search.md.
/// </summary>
public sealed class OfferingSearch(SamspilDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxOffset = 10_000;
    public const int MaxQueryLength = 200;

    /// <summary>Window filters ("tonight", "this weekend") decide at most this many prefiltered candidates in memory.</summary>
    public const int MaxWindowCandidates = 5_000;

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
        var filtered = Filter(query, local);
        var limit = query.Limit!.Value;
        var offset = query.Offset!.Value;

        List<Offering> page;
        int total;
        if (query.OpenTonight || query.OpenWeekend)
        {
            var windows = new List<(DateTime From, DateTime To)>();
            if (query.OpenTonight)
            {
                windows.Add(OfferingSearchHours.Tonight(local));
            }

            if (query.OpenWeekend)
            {
                windows.Add(OfferingSearchHours.Weekend(local));
            }

            foreach (var (from, to) in windows)
            {
                filtered = WindowCandidates(filtered, from, to);
            }

            var candidates = await Order(filtered, query.Sort!).Take(MaxWindowCandidates).AsSplitQuery().ToListAsync(cancellationToken);
            var exact = candidates.Where(o => windows.All(w => OfferingSearchHours.IsOpenDuring(o.Hours, w.From, w.To))).ToList();
            total = exact.Count;
            page = exact.Skip(offset).Take(limit).ToList();
        }
        else
        {
            total = await filtered.CountAsync(cancellationToken);
            page = offset >= total ? [] : await Order(filtered, query.Sort!).Skip(offset).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);
        }

        var items = await SummariesAsync(page, now, cancellationToken);
        if (query.OpenNow)
        {
            items = items.Where(i => i.OpenNow).ToList(); // the SQL decision, confirmed with the opening-hours model
        }

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

    private IQueryable<Offering> Filter(OfferingSearchQuery query, DateTime local)
    {
        var offerings = db.Offerings.AsNoTracking().Where(o => o.Status == OfferingStatus.Active);
        if (query.Municipality is { } municipality)
        {
            offerings = offerings.Where(o => o.Municipalities.Count == 0 || o.Municipalities.Contains(municipality));
        }

        if (query.Need is { } need)
        {
            offerings = offerings.Where(o => o.Needs.Contains(need));
        }

        if (query.TargetGroup is { } targetGroup)
        {
            offerings = offerings.Where(o => o.TargetGroups.Count == 0 || o.TargetGroups.Contains(targetGroup));
        }

        if (query.Language is { } language)
        {
            offerings = offerings.Where(o => o.Languages.Contains(language));
        }

        if (query.Age is { } age)
        {
            offerings = offerings.Where(o => (o.MinimumAge == null || o.MinimumAge <= age) && (o.MaximumAge == null || o.MaximumAge >= age));
        }

        if (query.AfterHours)
        {
            offerings = offerings.Where(o => o.IsAfterHours || o.IsCrisis);
        }

        if (query.OpenNow)
        {
            offerings = OpenAt(offerings, local);
        }

        if (query.Q is { } text)
        {
            // Case-insensitive substring match: LIKE on SQLite (ASCII case folding), ILIKE on PostgreSQL; the user's % and _ are literal.
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            if (db.Database.IsNpgsql())
            {
                var organizations = db.Organizations.Where(org => EF.Functions.ILike(org.Name, pattern, "\\")).Select(org => org.Id);
                offerings = offerings.Where(o => EF.Functions.ILike(o.Name, pattern, "\\") || EF.Functions.ILike(o.Description, pattern, "\\") || organizations.Contains(o.OrganizationId));
            }
            else
            {
                var organizations = db.Organizations.Where(org => EF.Functions.Like(org.Name, pattern, "\\")).Select(org => org.Id);
                offerings = offerings.Where(o => EF.Functions.Like(o.Name, pattern, "\\") || EF.Functions.Like(o.Description, pattern, "\\") || organizations.Contains(o.OrganizationId));
            }
        }

        return offerings;
    }

    /// <summary>
    /// Open at a Copenhagen wall-clock time, decided in SQL exactly as <see cref="OpeningHours.IsOpenAtLocal"/> does: an interval
    /// starting today (a weekly period unless today has exceptions or is a public holiday it closes on; or today's exceptions), or one
    /// that started yesterday and runs past midnight. The weekly periods are found through the periods table's (Day, Opens) index.
    /// </summary>
    private IQueryable<Offering> OpenAt(IQueryable<Offering> offerings, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        var yesterday = today.AddDays(-1);
        var t = TimeOnly.FromDateTime(local);
        var day = today.DayOfWeek;
        var dayBefore = yesterday.DayOfWeek;
        var holidayToday = DanishPublicHolidays.IsHoliday(today);
        var holidayYesterday = DanishPublicHolidays.IsHoliday(yesterday);

        var periodsToday = db.Offerings.SelectMany(o => o.Periods, (o, p) => new { o.Id, p })
            .Where(x => x.p.Day == day && x.p.Opens <= t && (x.p.Closes > t || x.p.Closes <= x.p.Opens)).Select(x => x.Id);
        var overnightFromYesterday = db.Offerings.SelectMany(o => o.Periods, (o, p) => new { o.Id, p })
            .Where(x => x.p.Day == dayBefore && x.p.Closes <= x.p.Opens && t < x.p.Closes).Select(x => x.Id);
        var exceptions = db.Offerings.SelectMany(o => o.Exceptions, (o, e) => new { o.Id, e });
        var exceptionToday = exceptions.Where(x => x.e.Date == today).Select(x => x.Id);
        var exceptionYesterday = exceptions.Where(x => x.e.Date == yesterday).Select(x => x.Id);
        var openByExceptionToday = exceptions.Where(x => x.e.Date == today && !x.e.Closed && x.e.Opens <= t && (x.e.Closes > t || x.e.Closes <= x.e.Opens)).Select(x => x.Id);
        var openByExceptionFromYesterday = exceptions.Where(x => x.e.Date == yesterday && !x.e.Closed && x.e.Closes <= x.e.Opens && t < x.e.Closes).Select(x => x.Id);

        return offerings.Where(o =>
            ((o.AlwaysOpen || periodsToday.Contains(o.Id)) && !(holidayToday && o.ClosedOnPublicHolidays) && !exceptionToday.Contains(o.Id))
            || (overnightFromYesterday.Contains(o.Id) && !(holidayYesterday && o.ClosedOnPublicHolidays) && !exceptionYesterday.Contains(o.Id))
            || openByExceptionToday.Contains(o.Id)
            || openByExceptionFromYesterday.Contains(o.Id));
    }

    /// <summary>
    /// A superset of the offerings open at some time in [from, to): always open, a weekly period on a day the window touches that
    /// reaches into it, or an exception on such a day. The exact answer is <see cref="OfferingSearchHours.IsOpenDuring"/>.
    /// </summary>
    private IQueryable<Offering> WindowCandidates(IQueryable<Offering> offerings, DateTime from, DateTime to)
    {
        var first = DateOnly.FromDateTime(from).AddDays(-1);
        var last = DateOnly.FromDateTime(to);
        var days = new List<DayOfWeek>();
        for (var d = first; d <= last && days.Count < 7; d = d.AddDays(1))
        {
            days.Add(d.DayOfWeek);
        }

        var withPeriods = db.Offerings.SelectMany(o => o.Periods, (o, p) => new { o.Id, p }).Where(x => days.Contains(x.p.Day)).Select(x => x.Id);
        var withExceptions = db.Offerings.SelectMany(o => o.Exceptions, (o, e) => new { o.Id, e }).Where(x => x.e.Date >= first && x.e.Date <= last).Select(x => x.Id);
        return offerings.Where(o => o.AlwaysOpen || withPeriods.Contains(o.Id) || withExceptions.Contains(o.Id));
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
