using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Directory;

/// <summary>
/// The directory of organisations, professionals with their mandate (R6, R18) and direct contact (R28),
/// and the configurable target groups (R1). Not citizen data: every signed-in professional may read it.
/// </summary>
public sealed class DirectoryService(SamspilDbContext db)
{
    public async Task<IReadOnlyList<OrganizationView>> OrganizationsAsync(CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Sector).ThenBy(o => o.Name).ToListAsync(cancellationToken);
        var tree = organizations.ToDictionary(o => o.Id, o => (o.PartOfId, o.MunicipalityCode));
        return organizations.Select(o => ToView(o, tree)).ToList();
    }

    public async Task<OrganizationView?> OrganizationAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) is { } o ? ToView(o, await MunicipalityTreeAsync(cancellationToken)) : null;

    /// <summary>
    /// An organisation's effective municipality (kommunekode): its own, or else its nearest ancestor's; null when none is set
    /// or the organisation is unknown. See <see cref="Organization.EffectiveMunicipality"/>.
    /// </summary>
    public async Task<string?> EffectiveMunicipalityAsync(Guid organizationId, CancellationToken cancellationToken) =>
        Organization.EffectiveMunicipality(organizationId, await MunicipalityTreeAsync(cancellationToken));

    /// <summary>Every organisation's parent and own municipality code, the input of <see cref="Organization.EffectiveMunicipality"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, (Guid? PartOfId, string? MunicipalityCode)>> MunicipalityTreeAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId, o.MunicipalityCode }).ToListAsync(cancellationToken))
            .ToDictionary(o => o.Id, o => (o.PartOfId, o.MunicipalityCode));

    public async Task<OrganizationView> CreateOrganizationAsync(OrganizationRequest request, CancellationToken cancellationToken)
    {
        var organization = Organization.Create(await ValidateAsync(request, null, cancellationToken), Guid.CreateVersion7());
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(organization, await MunicipalityTreeAsync(cancellationToken));
    }

    public async Task<OrganizationView?> UpdateOrganizationAsync(Guid id, OrganizationRequest request, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return null;
        }

        organization.Update(await ValidateAsync(request, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return ToView(organization, await MunicipalityTreeAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<PractitionerRoleView>> PractitionerRolesAsync(Guid? organizationId, CancellationToken cancellationToken) =>
        await (
            from role in db.PractitionerRoles
            join professional in db.Professionals on role.ProfessionalId equals professional.Id
            join organization in db.Organizations on role.OrganizationId equals organization.Id
            where role.Active && (organizationId == null || role.OrganizationId == organizationId || organization.PartOfId == organizationId)
            orderby organization.Name, professional.Name
            select new PractitionerRoleView(
                role.Id, professional.Id, professional.Name, professional.Profession, organization.Id, organization.Name,
                organization.Sector, role.Title, role.Mandate, role.DirectPhone, role.DirectEmail))
            .ToListAsync(cancellationToken);

    public async Task<PractitionerRoleView> CreateProfessionalAsync(ProfessionalRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("organizationId", request.OrganizationId, "Professional.Organization.Required");
        if (request.OrganizationId is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId, cancellationToken))
        {
            errors.Add("organizationId", "Professional.Organization.Unknown");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var professional = Professional.Create(request.Name, request.Profession, Guid.CreateVersion7());
        var role = professional.AddRole(
            request.OrganizationId!.Value,
            new PractitionerRoleDetails(request.Title, request.Mandate, request.DirectPhone, request.DirectEmail),
            Guid.CreateVersion7());
        db.Professionals.Add(professional);
        await db.SaveChangesAsync(cancellationToken);
        return (await PractitionerRolesAsync(request.OrganizationId, cancellationToken)).Single(r => r.Id == role.Id);
    }

    public async Task<IReadOnlyList<TargetGroupView>> TargetGroupsAsync(bool includeInactive, CancellationToken cancellationToken) =>
        await db.TargetGroups.AsNoTracking()
            .Where(t => includeInactive || t.Active)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new TargetGroupView(t.Code, t.NameDa, t.NameEn, t.Description, t.Active, t.SortOrder))
            .ToListAsync(cancellationToken);

    public async Task<TargetGroupView> CreateTargetGroupAsync(TargetGroupRequest request, CancellationToken cancellationToken)
    {
        var group = TargetGroup.Create(request.Code, request.NameDa, request.NameEn, request.Description, request.SortOrder ?? 100);
        if (request.Active == false)
        {
            group.Update(group.NameDa, group.NameEn, group.Description, group.SortOrder, active: false);
        }

        if (await db.TargetGroups.AnyAsync(t => t.Code == group.Code, cancellationToken))
        {
            throw new DomainException("TargetGroup.Code.Exists", "code");
        }

        db.TargetGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return new TargetGroupView(group.Code, group.NameDa, group.NameEn, group.Description, group.Active, group.SortOrder);
    }

    public async Task<TargetGroupView?> UpdateTargetGroupAsync(string code, TargetGroupRequest request, CancellationToken cancellationToken)
    {
        var group = Guard.HasControlCharacters(code) ? null : await db.TargetGroups.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        if (group is null)
        {
            return null;
        }

        group.Update(request.NameDa, request.NameEn, request.Description, request.SortOrder ?? group.SortOrder, request.Active ?? group.Active);
        await db.SaveChangesAsync(cancellationToken);
        return new TargetGroupView(group.Code, group.NameDa, group.NameEn, group.Description, group.Active, group.SortOrder);
    }

    private async Task<OrganizationDetails> ValidateAsync(OrganizationRequest request, Guid? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("sector", request.Sector, "Organization.Sector.Required");
        errors.Required("kind", request.Kind, "Organization.Kind.Required");
        if (request.PartOfId is { } parent && parent != id && !await db.Organizations.AnyAsync(o => o.Id == parent, cancellationToken))
        {
            errors.Add("partOfId", "Organization.PartOf.Unknown");
        }
        else if (request.PartOfId is { } newParent && id is { } self && newParent != self && await IsDescendantAsync(newParent, self, cancellationToken))
        {
            errors.Add("partOfId", "Organization.PartOf.Cycle");
        }

        var entryPoints = request.EntryPointFor ?? [];
        if (entryPoints.Any(e => e is null || Guard.HasControlCharacters(e)))
        {
            errors.Add("entryPointFor", "Organization.EntryPoint.UnknownTargetGroup");
        }
        else if (entryPoints.Count > 0)
        {
            var known = await db.TargetGroups.Where(t => entryPoints.Contains(t.Code)).Select(t => t.Code).ToListAsync(cancellationToken);
            if (known.Count != entryPoints.Distinct().Count())
            {
                errors.Add("entryPointFor", "Organization.EntryPoint.UnknownTargetGroup");
            }
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return new OrganizationDetails(
            request.Name, request.Sector!.Value, request.Kind!.Value, request.PartOfId, request.Street, request.PostalCode,
            request.City, request.PublicPhone, request.PublicEmail, entryPoints, request.MunicipalityCode);
    }

    /// <summary>Is <paramref name="candidate"/> <paramref name="ancestor"/> itself or below it in the tree? Then it cannot become its parent.</summary>
    private async Task<bool> IsDescendantAsync(Guid candidate, Guid ancestor, CancellationToken cancellationToken)
    {
        var parents = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId }).ToDictionaryAsync(o => o.Id, o => o.PartOfId, cancellationToken);
        var seen = new HashSet<Guid>();
        for (Guid? current = candidate; current is { } at && seen.Add(at); current = parents.GetValueOrDefault(at))
        {
            if (at == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static OrganizationView ToView(Organization o, IReadOnlyDictionary<Guid, (Guid? PartOfId, string? MunicipalityCode)> tree) => new(
        o.Id, o.Name, o.Sector, o.Kind, o.PartOfId, o.Street, o.PostalCode, o.City, o.PublicPhone, o.PublicEmail, o.EntryPointFor, o.IsDemo,
        o.MunicipalityCode, o.MunicipalityCode ?? (o.PartOfId is { } parent ? Organization.EffectiveMunicipality(parent, tree) : null));
}
