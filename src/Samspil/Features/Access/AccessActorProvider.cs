using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Access;

/// <summary>Builds the policy's view of the signed-in user once per request: roles, units and their place in the directory.</summary>
public sealed class AccessActorProvider(SamspilDbContext db, CurrentUser user)
{
    private AccessActor? _actor;

    public async Task<AccessActor> GetAsync(CancellationToken cancellationToken)
    {
        if (_actor is not null)
        {
            return _actor;
        }

        var roles = user.IsProfessional
            ? await db.PractitionerRoles.Where(r => r.ProfessionalId == user.ProfessionalId && r.Active).Select(r => new { r.Id, r.OrganizationId }).ToListAsync(cancellationToken)
            : [];
        var units = roles.Select(r => r.OrganizationId).ToHashSet();
        if (user.IsStaff && user.OrganizationId is { } organizationId)
        {
            units.Add(organizationId);
        }

        var directory = await db.Organizations.Select(o => new { o.Id, o.PartOfId, o.Kind }).ToListAsync(cancellationToken);
        var parentOf = directory.ToDictionary(o => o.Id, o => o.PartOfId);
        var own = new HashSet<Guid>(units);
        for (var grown = true; grown;)
        {
            var children = directory.Where(o => o.PartOfId is { } parent && own.Contains(parent) && !own.Contains(o.Id)).Select(o => o.Id).ToList();
            own.UnionWith(children);
            grown = children.Count > 0;
        }

        var within = new HashSet<Guid>();
        foreach (var unit in units)
        {
            for (Guid? current = unit; current is { } id && within.Add(id); current = parentOf.GetValueOrDefault(id))
            {
            }
        }

        var kinds = directory.Where(o => units.Contains(o.Id)).Select(o => o.Kind).ToHashSet();
        _actor = new AccessActor(
            user.UserId,
            user.IsProfessional ? user.ProfessionalId : null,
            roles.Select(r => r.Id).ToHashSet(),
            own,
            within,
            kinds,
            user.IsCitizen ? user.CitizenId : null,
            user.Roles.Contains(SamspilRoles.Proxy) ? user.CitizenId : null);
        return _actor;
    }
}
