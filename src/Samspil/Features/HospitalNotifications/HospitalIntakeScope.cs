using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.HospitalNotifications;

/// <summary>
/// Who may see, post and link hospital notifications: the integration account and the administrators
/// of the receiving region, nobody else (issue 12, finding 1). The receiving region of a message is the
/// region (a top organisation in the region sector) of the account that delivered it; a message Samspil
/// itself took in (file drop, command line) belongs to the installation and is seen by the
/// administrators of every region. An administrator of a municipality, a GP or another region has no
/// intake: every route answers as if the message did not exist.
/// </summary>
public sealed class HospitalIntakeScope(SamspilDbContext db, CurrentUser user)
{
    private Guid? _region;
    private bool _resolved;

    /// <summary>The region the caller takes hospital notifications in for, or null when they take in none.</summary>
    public async Task<Guid?> CallerRegionAsync(CancellationToken cancellationToken)
    {
        if (_resolved)
        {
            return _region;
        }

        _resolved = true;
        var mayTakeIn = user.Roles.Contains(SamspilRoles.Integration) || user.Roles.Contains(SamspilRoles.Administrator);
        if (mayTakeIn && user.OrganizationId is { } organizationId)
        {
            var directory = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId, o.Sector }).ToDictionaryAsync(o => o.Id, cancellationToken);
            Guid? current = organizationId;
            for (var depth = 0; current is { } id && directory.TryGetValue(id, out var organization) && depth < 50; depth++)
            {
                if (organization.PartOfId is null)
                {
                    _region = organization.Sector == Sector.Region ? organization.Id : null;
                    break;
                }

                current = organization.PartOfId;
            }
        }

        return _region;
    }

    /// <summary>The messages of the caller's region: delivered by an account in the region, or by Samspil itself. Empty for anyone else.</summary>
    public async Task<IQueryable<InboundMessage>> MessagesAsync(CancellationToken cancellationToken)
    {
        if (await CallerRegionAsync(cancellationToken) is not { } region)
        {
            return db.InboundMessages.Where(_ => false);
        }

        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PartOfId }).ToListAsync(cancellationToken);
        var units = new HashSet<Guid> { region };
        for (var grown = true; grown;)
        {
            var children = organizations.Where(o => o.PartOfId is { } parent && units.Contains(parent) && !units.Contains(o.Id)).Select(o => o.Id).ToList();
            units.UnionWith(children);
            grown = children.Count > 0;
        }

        var unitIds = units.ToList();
        var accounts = db.Users.Where(u => u.OrganizationId != null && unitIds.Contains(u.OrganizationId.Value)).Select(u => u.Id);
        var samspil = CurrentUser.System.UserId;
        return db.InboundMessages.AsNoTracking().Where(m => m.ReceivedByUserId == samspil || accounts.Contains(m.ReceivedByUserId));
    }
}
