using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Network;

/// <summary>A professional member's role, with the person and the organisation it belongs to.</summary>
public sealed record MemberRole(PractitionerRole Role, Professional Professional, Organization Organization);

/// <summary>Looks up who the professional members of a network are (directory data, not citizen data).</summary>
public static class MemberDirectory
{
    public static async Task<Dictionary<Guid, MemberRole>> RolesOfAsync(SamspilDbContext db, IEnumerable<NetworkMember> members, CancellationToken cancellationToken)
    {
        var roleIds = members.Where(m => m.PractitionerRoleId != null).Select(m => m.PractitionerRoleId!.Value).Distinct().ToList();
        return await (
                from role in db.PractitionerRoles
                join professional in db.Professionals on role.ProfessionalId equals professional.Id
                join organization in db.Organizations on role.OrganizationId equals organization.Id
                where roleIds.Contains(role.Id)
                select new MemberRole(role, professional, organization))
            .ToDictionaryAsync(r => r.Role.Id, cancellationToken);
    }
}
