using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Samspil.Features.Offerings;

/// <summary>
/// The exported document: the shape of HSDS 3.0's paginated <c>service_list</c> (one page holding every service),
/// each item a compiled HSDS <c>service</c> with its organization, service_at_locations (location, schedules, phones),
/// languages, service_areas, cost_options and attributes. See docs/offerings-hsds.md.
/// </summary>
public sealed record HsdsServiceList(
    int TotalItems,
    int TotalPages,
    int PageNumber,
    int Size,
    bool FirstPage,
    bool LastPage,
    bool Empty,
    IReadOnlyList<HsdsService> Contents);

public sealed record HsdsService(
    string Id,
    string OrganizationId,
    string Name,
    string Description,
    string? Url,
    string? Email,
    string Status,
    string? InterpretationServices,
    string? ApplicationProcess,
    string? FeesDescription,
    string? EligibilityDescription,
    int? MinimumAge,
    int? MaximumAge,
    IReadOnlyList<HsdsPhone>? Phones,
    IReadOnlyList<HsdsSchedule>? Schedules,
    IReadOnlyList<HsdsServiceArea> ServiceAreas,
    IReadOnlyList<HsdsServiceAtLocation> ServiceAtLocations,
    IReadOnlyList<HsdsLanguage> Languages,
    HsdsOrganization Organization,
    IReadOnlyList<HsdsCostOption> CostOptions,
    IReadOnlyList<HsdsAttribute> Attributes);

public sealed record HsdsOrganization(string Id, string Name, string Description);

public sealed record HsdsServiceAtLocation(string Id, string ServiceId, string LocationId, IReadOnlyList<HsdsPhone> Phones, IReadOnlyList<HsdsSchedule> Schedules, HsdsLocation Location);

public sealed record HsdsLocation(string Id, string LocationType, string? Name, double? Latitude, double? Longitude, IReadOnlyList<HsdsAddress> Addresses);

public sealed record HsdsAddress(string Id, [property: JsonPropertyName("address_1")] string? Address1, string? City, string StateProvince, string? PostalCode, string Country, string AddressType);

public sealed record HsdsPhone(string Id, string Number);

/// <summary>A weekly schedule (freq WEEKLY, byday, opens_at, closes_at), a single-date exception (valid_from = valid_to) or a note-only schedule.</summary>
public sealed record HsdsSchedule(
    string Id,
    string? ValidFrom,
    string? ValidTo,
    string? Freq,
    string? Byday,
    string? OpensAt,
    string? ClosesAt,
    string? Description,
    string? Notes);

public sealed record HsdsServiceArea(string Id, string Name, string Uri);

public sealed record HsdsLanguage(string Id, string Code);

public sealed record HsdsCostOption(string Id, string Currency, decimal? Amount, string? AmountDescription);

public sealed record HsdsAttribute(string Id, string TaxonomyTermId, string LinkEntity, string? Value, HsdsTaxonomyTerm TaxonomyTerm);

public sealed record HsdsTaxonomyTerm(string Id, string Code, string Name, string Description, string Taxonomy);

/// <summary>The Samspil vocabularies carried as HSDS attributes (taxonomy + taxonomy_term.code).</summary>
public static class HsdsTaxonomies
{
    public const string Need = "samspil-need";
    public const string TargetGroup = "samspil-target-group";
    public const string Access = "samspil-access";
    public const string Feature = "samspil-feature";
    public const string OpeningHours = "samspil-opening-hours";

    public const string AfterHours = "after-hours";
    public const string Crisis = "crisis";
    public const string ClosedOnPublicHolidays = "closed-on-public-holidays";

    public const string SelfReferral = "self-referral";
    public const string Referral = "referral";
    public const string SelfReferralOrReferral = "self-referral-or-referral";
}

/// <summary>Serialisation and identifiers shared by export and import.</summary>
public static class Hsds
{
    /// <summary>Readable Danish letters, HTML-sensitive characters still escaped; snake_case names as in HSDS; nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// A stable UUID (version 8 layout: SHA-256 of the parts, truncated) for the HSDS records Samspil does not store itself
    /// (locations, schedules, attributes, …): the same offering always exports the same identifiers, so a round
    /// trip gives a byte-identical document.
    /// </summary>
    public static string DerivedId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("samspil-hsds\n" + string.Join('\n', parts)));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <summary>Monday first, as a Danish week and HSDS's examples.</summary>
    public static readonly DayOfWeek[] WeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string DayCode(DayOfWeek day) => DayCodes[(int)day];

    public static string Time(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
