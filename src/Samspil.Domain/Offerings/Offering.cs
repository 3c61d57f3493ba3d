using Samspil.Domain.Common;

namespace Samspil.Domain.Offerings;

/// <summary>
/// An offering (tilbud): a service an organisation provides, at one place or by phone/online, aligned with
/// Open Referral HSDS 3.0: the offering is an HSDS <c>service</c> at one <c>location</c> (a
/// <c>service_at_location</c>), with its <c>schedule</c>, <c>eligibility</c>, <c>contact</c>, <c>language</c>
/// and <c>cost</c>; the providing HSDS <c>organization</c> is a directory <see cref="Directory.Organization"/>.
/// Offerings are public information, not citizen data.
/// </summary>
public sealed class Offering
{
    private readonly List<OpeningPeriod> periods = [];
    private readonly List<ScheduleException> exceptions = [];

    private Offering()
    {
        Name = string.Empty;
        Description = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The providing organisation (HSDS organization).</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>The identifier in the system it was imported from (HSDS <c>service.id</c>); re-importing the same file matches on it.</summary>
    public string? ExternalId { get; private set; }

    public string Name { get; private set; }

    /// <summary>What it is, in plain words (HSDS service.description).</summary>
    public string Description { get; private set; }

    public OfferingStatus Status { get; private set; }

    /// <summary>Target group codes (<see cref="Directory.TargetGroup"/>) it is for; empty means everyone.</summary>
    public List<string> TargetGroups { get; private set; } = [];

    /// <summary>Needs it meets (codes from <see cref="OfferingNeeds"/>).</summary>
    public List<string> Needs { get; private set; } = [];

    public int? MinimumAge { get; private set; }

    public int? MaximumAge { get; private set; }

    /// <summary>Who may use it, in plain words (HSDS eligibility_description).</summary>
    public string? Eligibility { get; private set; }

    /// <summary>How to get there: by self-referral, by referral or both (HSDS application_process).</summary>
    public OfferingAccess Access { get; private set; }

    /// <summary>Who refers, when a referral is needed, e.g. "Egen læge" or "Jobcentret".</summary>
    public string? ReferralBy { get; private set; }

    /// <summary>Languages spoken, as ISO 639-1 codes (HSDS language).</summary>
    public List<string> Languages { get; private set; } = [];

    /// <summary>Whether an interpreter can be arranged for other languages.</summary>
    public bool InterpreterAvailable { get; private set; }

    /// <summary>Free of charge (HSDS cost_option absent or amount 0).</summary>
    public bool IsFree { get; private set; }

    /// <summary>What it costs when not free, in plain words.</summary>
    public string? CostDescription { get; private set; }

    public string? Street { get; private set; }

    public string? PostalCode { get; private set; }

    public string? City { get; private set; }

    public decimal? Latitude { get; private set; }

    public decimal? Longitude { get; private set; }

    /// <summary>Danish municipality codes (kommunekoder as in <see cref="Screening.DanishAreaNames"/>, e.g. "630" Vejle) whose citizens it serves; empty means the whole country.</summary>
    public List<string> Municipalities { get; private set; } = [];

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public string? Url { get; private set; }

    /// <summary>Open outside ordinary office hours: evenings, nights, weekends (e.g. a 24-hour line).</summary>
    public bool IsAfterHours { get; private set; }

    /// <summary>A crisis service: acute psychiatric reception, a crisis line.</summary>
    public bool IsCrisis { get; private set; }

    /// <summary>Open every hour of every day (a 24-hour line); then <see cref="Periods"/> is empty.</summary>
    public bool AlwaysOpen { get; private set; }

    /// <summary>Closed on Danish public holidays unless an exception says otherwise.</summary>
    public bool ClosedOnPublicHolidays { get; private set; }

    /// <summary>Anything about the opening hours the schedule cannot say (HSDS schedule.notes).</summary>
    public string? HoursNote { get; private set; }

    public IReadOnlyList<OpeningPeriod> Periods => periods;

    public IReadOnlyList<ScheduleException> Exceptions => exceptions;

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsDemo { get; private set; }

    /// <summary>The opening hours as a value that can answer "open at t".</summary>
    public OpeningHours Hours => new(AlwaysOpen, ClosedOnPublicHolidays, periods, exceptions);

    public static Offering Create(Guid id, Guid organizationId, OfferingDetails details, DateTimeOffset now, string? externalId = null, bool isDemo = false)
    {
        var offering = new Offering { Id = id, IsDemo = isDemo, ExternalId = Guard.OptionalText(externalId, 200, "Offering.ExternalId", "externalId") };
        offering.OrganizationId = organizationId;
        offering.Update(details, now);
        return offering;
    }

    /// <summary>Replaces everything but the identity, the organisation and the external id; validates first, so a bad request changes nothing.</summary>
    public void Update(OfferingDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var name = Guard.RequiredText(details.Name, 200, "Offering.Name", "name");
        var description = Guard.RequiredText(details.Description, 4000, "Offering.Description", "description");
        if (!Enum.IsDefined(details.Status))
        {
            throw new DomainException("Offering.Status.Invalid", "status");
        }

        if (!Enum.IsDefined(details.Access))
        {
            throw new DomainException("Offering.Access.Invalid", "access");
        }

        if (details.MinimumAge is < 0 or > 130 || details.MaximumAge is < 0 or > 130 || (details.MinimumAge > details.MaximumAge))
        {
            throw new DomainException("Offering.Age.Invalid", "minimumAge");
        }

        var needs = Codes(details.Needs, "needs");
        if (needs.Any(n => !OfferingNeeds.All.Contains(n)))
        {
            throw new DomainException("Offering.Need.Unknown", "needs");
        }

        var languages = Codes(details.Languages, "languages").Select(l => l.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (languages.Any(l => l.Length != 2 || !l.All(char.IsAsciiLetterLower)))
        {
            throw new DomainException("Offering.Language.Invalid", "languages");
        }

        var municipalities = Codes(details.Municipalities, "municipalities");
        if (municipalities.Any(m => Screening.DanishAreaNames.Municipality(m) is null))
        {
            throw new DomainException("Offering.Municipality.Invalid", "municipalities");
        }

        if (details.Latitude is < -90 or > 90 || details.Longitude is < -180 or > 180 || (details.Latitude is null) != (details.Longitude is null))
        {
            throw new DomainException("Offering.Coordinates.Invalid", "latitude");
        }

        var url = Guard.OptionalText(details.Url, 500, "Offering.Url", "url");
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http")))
        {
            throw new DomainException("Offering.Url.Invalid", "url");
        }

        var email = Guard.OptionalText(details.Email, 200, "Offering.Email", "email");
        if (email is not null && (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
        {
            throw new DomainException("Offering.Email.Invalid", "email");
        }

        var periodList = (details.Periods ?? []).ToList();
        if (periodList.Count > 50)
        {
            throw new DomainException("Offering.Periods.TooMany", "periods");
        }

        if (details.AlwaysOpen && periodList.Count > 0)
        {
            throw new DomainException("Offering.Periods.AlwaysOpen", "periods");
        }

        var exceptionList = (details.Exceptions ?? []).ToList();
        if (exceptionList.Count > 400)
        {
            throw new DomainException("Offering.Exceptions.TooMany", "exceptions");
        }

        if (exceptionList.GroupBy(e => e.Date).Any(g => g.Count() > 1 && g.Any(e => e.Closed)))
        {
            throw new DomainException("Offering.Exceptions.ClosedAndOpen", "exceptions");
        }

        Name = name;
        Description = description;
        Status = details.Status;
        TargetGroups = Codes(details.TargetGroups, "targetGroups");
        Needs = needs;
        MinimumAge = details.MinimumAge;
        MaximumAge = details.MaximumAge;
        Eligibility = Guard.OptionalText(details.Eligibility, 2000, "Offering.Eligibility", "eligibility");
        Access = details.Access;
        ReferralBy = Guard.OptionalText(details.ReferralBy, 200, "Offering.ReferralBy", "referralBy");
        Languages = languages;
        InterpreterAvailable = details.InterpreterAvailable;
        IsFree = details.IsFree;
        CostDescription = Guard.OptionalText(details.CostDescription, 500, "Offering.Cost", "costDescription");
        Street = Guard.OptionalText(details.Street, 200, "Offering.Street", "street");
        PostalCode = Guard.OptionalText(details.PostalCode, 10, "Offering.PostalCode", "postalCode");
        City = Guard.OptionalText(details.City, 100, "Offering.City", "city");
        Latitude = details.Latitude;
        Longitude = details.Longitude;
        Municipalities = municipalities;
        Phone = Guard.OptionalText(details.Phone, 30, "Offering.Phone", "phone");
        Email = email;
        Url = url;
        IsAfterHours = details.IsAfterHours;
        IsCrisis = details.IsCrisis;
        AlwaysOpen = details.AlwaysOpen;
        ClosedOnPublicHolidays = details.ClosedOnPublicHolidays;
        HoursNote = Guard.OptionalText(details.HoursNote, 1000, "Offering.HoursNote", "hoursNote");
        periods.Clear();
        periods.AddRange(periodList.OrderBy(p => p.Day).ThenBy(p => p.Opens));
        exceptions.Clear();
        exceptions.AddRange(exceptionList.OrderBy(e => e.Date).ThenBy(e => e.Opens));
        UpdatedAt = now;
    }

    /// <summary>Moves the offering to another organisation (of the same administrator's tree; the caller checks that).</summary>
    public void MoveTo(Guid organizationId, DateTimeOffset now)
    {
        if (organizationId == Guid.Empty)
        {
            throw new DomainException("Offering.Organization.Required", "organizationId");
        }

        OrganizationId = organizationId;
        UpdatedAt = now;
    }

    private static List<string> Codes(IEnumerable<string>? values, string field)
    {
        var list = (values ?? []).Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > 50 || list.Any(v => v.Length > 50 || Guard.HasControlCharacters(v)))
        {
            throw new DomainException("Offering.Codes.Invalid", field);
        }

        return list;
    }
}

public enum OfferingStatus
{
    Active = 0,
    Inactive = 1,
}

/// <summary>How a citizen gets to an offering.</summary>
public enum OfferingAccess
{
    SelfReferral = 0,
    Referral = 1,
    SelfReferralOrReferral = 2,
}

/// <summary>The needs an offering can meet: a fixed vocabulary so that search and filters agree across organisations.</summary>
public static class OfferingNeeds
{
    public const string MentalHealth = "mental-health";
    public const string Crisis = "crisis";
    public const string Work = "work";
    public const string Education = "education";
    public const string Income = "income";
    public const string Housing = "housing";
    public const string Family = "family";
    public const string Relatives = "relatives";
    public const string Addiction = "addiction";
    public const string Social = "social";
    public const string PhysicalHealth = "physical-health";
    public const string Trauma = "trauma";
    public const string Legal = "legal";
    public const string Language = "language";

    public static readonly IReadOnlyList<string> All =
        [MentalHealth, Crisis, Work, Education, Income, Housing, Family, Relatives, Addiction, Social, PhysicalHealth, Trauma, Legal, Language];
}

/// <summary>Everything about an offering that its organisation maintains.</summary>
public sealed record OfferingDetails(
    string? Name,
    string? Description,
    OfferingStatus Status = OfferingStatus.Active,
    IReadOnlyList<string>? TargetGroups = null,
    IReadOnlyList<string>? Needs = null,
    int? MinimumAge = null,
    int? MaximumAge = null,
    string? Eligibility = null,
    OfferingAccess Access = OfferingAccess.SelfReferral,
    string? ReferralBy = null,
    IReadOnlyList<string>? Languages = null,
    bool InterpreterAvailable = false,
    bool IsFree = true,
    string? CostDescription = null,
    string? Street = null,
    string? PostalCode = null,
    string? City = null,
    decimal? Latitude = null,
    decimal? Longitude = null,
    IReadOnlyList<string>? Municipalities = null,
    string? Phone = null,
    string? Email = null,
    string? Url = null,
    bool IsAfterHours = false,
    bool IsCrisis = false,
    bool AlwaysOpen = false,
    bool ClosedOnPublicHolidays = true,
    string? HoursNote = null,
    IReadOnlyList<OpeningPeriod>? Periods = null,
    IReadOnlyList<ScheduleException>? Exceptions = null);
