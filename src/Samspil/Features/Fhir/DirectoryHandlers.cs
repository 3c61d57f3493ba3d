using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Offerings;
using Samspil.Features.Directory;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Fhir;

/// <summary>
/// Shared search rules of the directory types (not citizen data, docs/fhir-mapping.md): <c>name</c> (contains,
/// case-insensitive, as FHIR's string search), <c>organization</c> / <c>partof</c> (a reference), <c>active</c>
/// (true/false) and <c>_id</c>.
/// </summary>
internal static class DirectorySearch
{
    public const string SamspilIdSystem = "urn:samspil:id";

    public static bool? Active(FhirSearch search)
    {
        var values = search.Values("active");
        return values.Count switch
        {
            0 => null,
            1 when values[0] is "true" or "false" => values[0] == "true",
            _ => throw new FhirSearchException("active takes true or false.", "active"),
        };
    }

    public static string? Name(FhirSearch search)
    {
        var values = search.Values("name");
        if (values.Count > 1 || values.Any(v => v.Length is 0 or > 200 || v.Any(char.IsControl)))
        {
            throw new FhirSearchException("name takes one text of 1-200 characters.", "name");
        }

        return values.Count == 1 ? values[0] : null;
    }

    public static bool NameMatches(string? wanted, params string?[] names) =>
        wanted is null || names.Any(n => n is not null && n.Contains(wanted, StringComparison.CurrentCultureIgnoreCase));

    public static bool IdMatches(FhirSearch search, Guid id) => search.Ids.Count == 0 || search.Ids.Contains(id.ToString("D"));

    public static ContactPoint? Phone(string? value) => value is { Length: > 0 } ? new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, value) : null;

    public static ContactPoint? Email(string? value) => value is { Length: > 0 } ? new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, value) : null;

    public static List<ContactPoint> Telecom(params ContactPoint?[] points) => [.. points.Where(p => p is not null).Select(p => p!)];

    public static Address? Address(string? street, string? postalCode, string? city) =>
        street is null && postalCode is null && city is null
            ? null
            : new Address { Use = Hl7.Fhir.Model.Address.AddressUse.Work, Line = street is null ? [] : [street], PostalCode = postalCode, City = city, Country = "DK" };

    /// <summary>The directory is for staff, as /api/v1/organizations and /api/v1/practitioner-roles are.</summary>
    public static bool MaySeeDirectory(FhirRequestContext context) => context.User.IsStaff;
}

/// <summary>
/// Organization = a directory organisation (region, municipality, hospital department, practice …): name, type (sector
/// and kind), address, public phone and e-mail, partOf. Staff only (as /api/v1/organizations); for anyone else a read is
/// 404 and a search is empty. Search: name, partof, active, _id.
/// </summary>
public sealed class OrganizationHandler(DirectoryService directory) : IFhirResourceHandler
{
    public const string SectorSystem = "urn:samspil:organization-sector";
    public const string KindSystem = "urn:samspil:organization-kind";

    public string ResourceType => "Organization";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "Part of the organisation's name (case-insensitive)."),
        new("partof", SearchParamType.Reference, "Organizations directly part of this one: Organization/{id}."),
        new("active", SearchParamType.Token, "true or false (every organisation in the directory is active)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        DirectorySearch.MaySeeDirectory(context) && Guid.TryParse(id, out var organizationId) && await directory.OrganizationAsync(organizationId, cancellationToken) is { } organization
            ? ToFhir(organization)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var name = DirectorySearch.Name(search);
        var active = DirectorySearch.Active(search);
        var partOf = search.Has("partof") ? search.ReferenceId("partof", "Organization") : null;
        if (!DirectorySearch.MaySeeDirectory(context) || active == false || (search.Has("partof") && partOf is null))
        {
            return FhirSearchResult.Page([], search);
        }

        var matches = (await directory.OrganizationsAsync(cancellationToken))
            .Where(o => DirectorySearch.IdMatches(search, o.Id) && DirectorySearch.NameMatches(name, o.Name) && (partOf is null || o.PartOfId == partOf))
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => (Resource)ToFhir(o))
            .ToList();
        return FhirSearchResult.Page(matches, search);
    }

    public static Organization ToFhir(OrganizationView o)
    {
        var organization = new Organization
        {
            Id = o.Id.ToString("D"),
            Active = true,
            Identifier = [new Identifier(DirectorySearch.SamspilIdSystem, o.Id.ToString("D"))],
            Name = o.Name,
            Type =
            [
                new CodeableConcept(SectorSystem, o.Sector.ToString(), o.Sector.ToString()),
                new CodeableConcept(KindSystem, o.Kind.ToString(), o.Kind.ToString()),
            ],
            Telecom = DirectorySearch.Telecom(DirectorySearch.Phone(o.PublicPhone), DirectorySearch.Email(o.PublicEmail)),
        };
        if (DirectorySearch.Address(o.Street, o.PostalCode, o.City) is { } address)
        {
            organization.Address.Add(address);
        }

        if (o.PartOfId is { } parent)
        {
            organization.PartOf = new ResourceReference($"Organization/{parent:D}");
        }

        return organization;
    }
}

/// <summary>
/// PractitionerRole = a professional's role at an organisation: practitioner (contained-free: display name only, as
/// Samspil has no Practitioner resource), organization, code (title), specialty (profession), telecom (direct lines).
/// Staff only (as /api/v1/practitioner-roles). Search: organization (the organisation or those directly part of it, as
/// the API), name (the professional's name or title), active, _id.
/// </summary>
public sealed class PractitionerRoleHandler(DirectoryService directory) : IFhirResourceHandler
{
    public const string TitleSystem = "urn:samspil:practitioner-title";
    public const string ProfessionSystem = "urn:samspil:profession";

    public string ResourceType => "PractitionerRole";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("organization", SearchParamType.Reference, "Roles at this organisation or one directly part of it: Organization/{id}."),
        new("name", SearchParamType.String, "Part of the professional's name or the role's title (case-insensitive; a Samspil extension of the standard parameters)."),
        new("active", SearchParamType.Token, "true or false (the directory lists active roles only)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        DirectorySearch.MaySeeDirectory(context) && Guid.TryParse(id, out var roleId)
            && (await directory.PractitionerRolesAsync(null, cancellationToken)).FirstOrDefault(r => r.Id == roleId) is { } role
            ? ToFhir(role)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var name = DirectorySearch.Name(search);
        var active = DirectorySearch.Active(search);
        var organization = search.Has("organization") ? search.ReferenceId("organization", "Organization") : null;
        if (!DirectorySearch.MaySeeDirectory(context) || active == false || (search.Has("organization") && organization is null))
        {
            return FhirSearchResult.Page([], search);
        }

        var matches = (await directory.PractitionerRolesAsync(organization, cancellationToken))
            .Where(r => DirectorySearch.IdMatches(search, r.Id) && DirectorySearch.NameMatches(name, r.ProfessionalName, r.Title))
            .Select(r => (Resource)ToFhir(r))
            .ToList();
        return FhirSearchResult.Page(matches, search);
    }

    public static PractitionerRole ToFhir(PractitionerRoleView r) => new()
    {
        Id = r.Id.ToString("D"),
        Active = true,
        Identifier = [new Identifier(DirectorySearch.SamspilIdSystem, r.Id.ToString("D"))],
        Practitioner = new ResourceReference { Display = r.ProfessionalName, Identifier = new Identifier(DirectorySearch.SamspilIdSystem, r.ProfessionalId.ToString("D")) },
        Organization = new ResourceReference($"Organization/{r.OrganizationId:D}", r.OrganizationName),
        Code = [new CodeableConcept { Text = r.Title }],
        Specialty = [new CodeableConcept { Text = r.Profession }],
        Telecom = DirectorySearch.Telecom(DirectorySearch.Phone(r.DirectPhone), DirectorySearch.Email(r.DirectEmail)),
    };
}

/// <summary>
/// HealthcareService = an offering (tilbud, issue 18; HSDS service at a location): name, comment (description), type
/// (the needs it meets), providedBy, telecom, availableTime (opening hours), location as text (address), eligibility,
/// communication (languages), referral method. Offerings are public information (/api/v1/offerings needs no sign-in), so
/// any caller of /fhir sees them. Search: name, organization, active, _id.
/// </summary>
public sealed class HealthcareServiceHandler(SamspilDbContext db) : IFhirResourceHandler
{
    public const string NeedSystem = "urn:samspil:offering-need";

    public string ResourceType => "HealthcareService";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "Part of the offering's name (case-insensitive)."),
        new("organization", SearchParamType.Reference, "Offerings of this organisation: Organization/{id}."),
        new("active", SearchParamType.Token, "true (active offerings) or false (inactive ones)."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var offeringId))
        {
            return null;
        }

        var found = await (from o in db.Offerings.AsNoTracking()
                           join org in db.Organizations.AsNoTracking() on o.OrganizationId equals org.Id
                           where o.Id == offeringId
                           select new { Offering = o, org.Name }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : ToFhir(found.Offering, found.Name);
    }

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var name = DirectorySearch.Name(search);
        var active = DirectorySearch.Active(search);
        var organization = search.Has("organization") ? search.ReferenceId("organization", "Organization") : null;
        if (search.Has("organization") && organization is null)
        {
            return FhirSearchResult.Page([], search);
        }

        var query = from o in db.Offerings.AsNoTracking()
                    join org in db.Organizations.AsNoTracking() on o.OrganizationId equals org.Id
                    select new { Offering = o, org.Name };
        if (organization is { } organizationId)
        {
            query = query.Where(x => x.Offering.OrganizationId == organizationId);
        }

        if (active is { } wanted)
        {
            var status = wanted ? OfferingStatus.Active : OfferingStatus.Inactive;
            query = query.Where(x => x.Offering.Status == status);
        }

        var matches = (await query.ToListAsync(cancellationToken))
            .Where(x => DirectorySearch.IdMatches(search, x.Offering.Id) && DirectorySearch.NameMatches(name, x.Offering.Name))
            .OrderBy(x => x.Offering.Name, StringComparer.Ordinal).ThenBy(x => x.Offering.Id)
            .Select(x => (Resource)ToFhir(x.Offering, x.Name))
            .ToList();
        return FhirSearchResult.Page(matches, search);
    }

    public static HealthcareService ToFhir(Offering o, string organizationName)
    {
        var service = new HealthcareService
        {
            Id = o.Id.ToString("D"),
            Meta = new Meta { LastUpdated = o.UpdatedAt },
            Active = o.Status == OfferingStatus.Active,
            Identifier = [new Identifier(DirectorySearch.SamspilIdSystem, o.Id.ToString("D"))],
            ProvidedBy = new ResourceReference($"Organization/{o.OrganizationId:D}", organizationName),
            Name = o.Name,
            Comment = o.Description is { Length: > 0 } d ? d : null,
            Type = [.. o.Needs.Select(n => new CodeableConcept(NeedSystem, n))],
            Telecom = DirectorySearch.Telecom(DirectorySearch.Phone(o.Phone), DirectorySearch.Email(o.Email),
                o.Url is { Length: > 0 } url ? new ContactPoint(ContactPoint.ContactPointSystem.Url, ContactPoint.ContactPointUse.Work, url) : null),
            Communication = [.. o.Languages.Select(l => new CodeableConcept("urn:ietf:bcp:47", l))],
            AvailabilityExceptions = o.HoursNote is { Length: > 0 } note ? note : null,
        };
        if (o.Street is not null || o.PostalCode is not null || o.City is not null)
        {
            // The address as text (no Location resource): HSDS's location, for a client to show.
            var text = string.Join(", ", new[] { o.Street, string.Join(' ', new[] { o.PostalCode, o.City }.Where(p => p is not null)) }.Where(p => !string.IsNullOrWhiteSpace(p)));
            service.Location.Add(new ResourceReference { Display = text });
        }

        if (o.Eligibility is { Length: > 0 } eligibility)
        {
            service.Eligibility.Add(new HealthcareService.EligibilityComponent { Comment = eligibility, Code = new CodeableConcept { Text = eligibility } });
        }

        if (o.AlwaysOpen)
        {
            service.AvailableTime.Add(new HealthcareService.AvailableTimeComponent { AllDay = true, DaysOfWeek = [.. Enum.GetValues<DaysOfWeek>().Select(d => (DaysOfWeek?)d)] });
        }
        else
        {
            foreach (var period in o.Periods.OrderBy(p => p.Day == DayOfWeek.Sunday ? 7 : (int)p.Day).ThenBy(p => p.Opens))
            {
                service.AvailableTime.Add(new HealthcareService.AvailableTimeComponent
                {
                    DaysOfWeek = [Day(period.Day)],
                    AvailableStartTime = period.Opens.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    AvailableEndTime = period.Closes == TimeOnly.MinValue ? "23:59:59" : period.Closes.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                });
            }
        }

        return service;
    }

    private static DaysOfWeek Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => DaysOfWeek.Mon,
        DayOfWeek.Tuesday => DaysOfWeek.Tue,
        DayOfWeek.Wednesday => DaysOfWeek.Wed,
        DayOfWeek.Thursday => DaysOfWeek.Thu,
        DayOfWeek.Friday => DaysOfWeek.Fri,
        DayOfWeek.Saturday => DaysOfWeek.Sat,
        _ => DaysOfWeek.Sun,
    };
}
