using Samspil.Domain.Common;

namespace Samspil.Domain.Directory;

/// <summary>An organisation or unit (FHIR Organization); a site is an organisation that is part of another.</summary>
public sealed class Organization
{
    private Organization()
    {
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Sector Sector { get; private set; }

    public OrganizationKind Kind { get; private set; }

    /// <summary>The parent organisation when this is a site or department (FHIR Organization.partOf).</summary>
    public Guid? PartOfId { get; private set; }

    public string? Street { get; private set; }

    public string? PostalCode { get; private set; }

    public string? City { get; private set; }

    public string? PublicPhone { get; private set; }

    public string? PublicEmail { get; private set; }

    /// <summary>Target group codes for which this unit is the municipality's single entry point (R4).</summary>
    public List<string> EntryPointFor { get; private set; } = [];

    /// <summary>
    /// The municipality (kommunekode as in <see cref="Screening.DanishAreaNames"/>, e.g. "630" Vejle) this organisation
    /// belongs to or serves, when set; a unit without one takes its nearest ancestor's (<see cref="EffectiveMunicipality"/>).
    /// </summary>
    public string? MunicipalityCode { get; private set; }

    public bool IsDemo { get; private set; }

    public static Organization Create(OrganizationDetails details, Guid id, bool isDemo = false)
    {
        var organization = new Organization { Id = id, IsDemo = isDemo };
        organization.Update(details);
        return organization;
    }

    public void Update(OrganizationDetails details)
    {
        Name = Guard.RequiredText(details.Name, 200, "Organization.Name", "name");
        if (!Enum.IsDefined(details.Sector))
        {
            throw new DomainException("Organization.Sector.Invalid", "sector");
        }

        if (!Enum.IsDefined(details.Kind))
        {
            throw new DomainException("Organization.Kind.Invalid", "kind");
        }

        if (details.PartOfId == Id)
        {
            throw new DomainException("Organization.PartOf.Self", "partOfId");
        }

        Sector = details.Sector;
        Kind = details.Kind;
        PartOfId = details.PartOfId;
        Street = Guard.OptionalText(details.Street, 200, "Organization.Street", "street");
        PostalCode = Guard.OptionalText(details.PostalCode, 10, "Organization.PostalCode", "postalCode");
        City = Guard.OptionalText(details.City, 100, "Organization.City", "city");
        PublicPhone = Guard.OptionalText(details.PublicPhone, 30, "Organization.PublicPhone", "publicPhone");
        PublicEmail = Guard.OptionalText(details.PublicEmail, 200, "Organization.PublicEmail", "publicEmail");
        var entryPoints = (details.EntryPointFor ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (entryPoints.Count > 0 && Sector != Sector.Municipality)
        {
            throw new DomainException("Organization.EntryPoint.MunicipalityOnly", "entryPointFor");
        }

        var municipality = details.MunicipalityCode?.Trim();
        if (string.IsNullOrEmpty(municipality))
        {
            municipality = null;
        }
        else if (Screening.DanishAreaNames.Municipality(municipality) is null)
        {
            throw new DomainException("Organization.Municipality.Invalid", "municipalityCode");
        }

        EntryPointFor = entryPoints;
        MunicipalityCode = municipality;
    }

    /// <summary>
    /// The effective municipality (kommune) of an organisation: its own <see cref="MunicipalityCode"/>, or else the
    /// nearest ancestor's along <see cref="PartOfId"/>; null when neither it nor any ancestor has one. Cycles and
    /// unknown parents end the walk.
    /// </summary>
    /// <param name="organizationId">The organisation or unit.</param>
    /// <param name="tree">Every organisation's parent and own municipality code, by id.</param>
    public static string? EffectiveMunicipality(Guid organizationId, IReadOnlyDictionary<Guid, (Guid? PartOfId, string? MunicipalityCode)> tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var seen = new HashSet<Guid>();
        for (Guid? current = organizationId; current is { } id && seen.Add(id) && tree.TryGetValue(id, out var node); current = node.PartOfId)
        {
            if (node.MunicipalityCode is { } code)
            {
                return code;
            }
        }

        return null;
    }
}

public sealed record OrganizationDetails(
    string? Name,
    Sector Sector,
    OrganizationKind Kind,
    Guid? PartOfId = null,
    string? Street = null,
    string? PostalCode = null,
    string? City = null,
    string? PublicPhone = null,
    string? PublicEmail = null,
    IReadOnlyList<string>? EntryPointFor = null,
    string? MunicipalityCode = null);
