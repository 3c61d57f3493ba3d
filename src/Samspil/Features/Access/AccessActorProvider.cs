using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Access;

/// <summary>Another user as the policy sees them, with what a notice to them needs.</summary>
public sealed record OtherUser(AccessActor Actor, string DisplayName, Guid? OrganizationId, string? Email);

/// <summary>
/// Builds the policy's view of a user: roles, units and their place in the directory. Once per
/// request for the signed-in user; on demand for others when deciding whom a notice may reach.
/// </summary>
public sealed class AccessActorProvider(SamspilDbContext db, CurrentUser user, TimeProvider time, OrganizationDirectory organizations, SessionFacts session)
{
    private AccessActor? _actor;
    private OrganizationDirectory.Snapshot? _directory;

    public async Task<AccessActor> GetAsync(CancellationToken cancellationToken)
    {
        if (_actor is not null)
        {
            return _actor;
        }

        // The session check of this request has read the active roles already (one query with the account).
        var roles = !user.IsProfessional ? []
            : session.ActiveRolesOf(user.UserId, user.ProfessionalId) is { } checkedRoles ? checkedRoles.Select(r => new RoleRow(r.Id, r.OrganizationId)).ToList()
            : await db.PractitionerRoles.Where(r => r.ProfessionalId == user.ProfessionalId && r.Active).Select(r => new RoleRow(r.Id, r.OrganizationId)).ToListAsync(cancellationToken);
        var mandate = user.Roles.Contains(SamspilRoles.Proxy) && user.CitizenId is { } citizenId
            ? (await MandatesAsync([user.UserId], cancellationToken)).GetValueOrDefault(user.UserId) is { } m && m.CitizenId == citizenId ? m : null
            : null;
        _actor = Build(user, roles, await DirectoryAsync(cancellationToken), mandate);
        return _actor;
    }

    /// <summary>
    /// The organisations whose steering figures (Styringsdata) the user sees: the account's organisation and
    /// every unit below it, for an administrator or a manager (leder); nothing for anyone else. The same
    /// "and every unit below" as <see cref="AccessActor.OwnOrganizationIds"/>, but it reaches only aggregates:
    /// it is never part of the actor, so a manager reads no citizen data by being one.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> SteeringScopeAsync(CancellationToken cancellationToken) =>
        user.SeesSteeringFigures && user.OrganizationId is { } unit
            ? (await DirectoryAsync(cancellationToken)).WithUnitsBelow([unit])
            : new HashSet<Guid>();

    /// <summary>
    /// The actors of other users (by account id), as the policy would see them if they signed in now.
    /// Unknown or locked-out accounts are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, OtherUser>> ForUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<Guid, OtherUser>();
        }

        var now = time.GetUtcNow();
        var accounts = await db.Users
            .Where(u => userIds.Contains(u.Id) && (u.LockoutEnd == null || u.LockoutEnd < now))
            .Select(u => new { u.Id, u.DisplayName, u.ProfessionalId, u.OrganizationId, u.CitizenId, u.Email })
            .ToListAsync(cancellationToken);
        var roleNames = (await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var professionalIds = accounts.Where(a => a.ProfessionalId != null).Select(a => a.ProfessionalId!.Value).ToList();
        var practitionerRoles = (await db.PractitionerRoles.Where(r => professionalIds.Contains(r.ProfessionalId) && r.Active)
                .Select(r => new { r.ProfessionalId, Row = new RoleRow(r.Id, r.OrganizationId) })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ProfessionalId, r => r.Row);
        var directory = await DirectoryAsync(cancellationToken);
        var mandates = await MandatesAsync(accounts.Where(a => roleNames[a.Id].Contains(SamspilRoles.Proxy)).Select(a => a.Id).ToList(), cancellationToken);

        var actors = new Dictionary<Guid, OtherUser>();
        foreach (var account in accounts)
        {
            var other = new CurrentUser(account.Id, account.DisplayName, roleNames[account.Id].ToHashSet(StringComparer.Ordinal), account.ProfessionalId, account.OrganizationId, account.CitizenId);
            var roles = other.IsProfessional ? practitionerRoles[account.ProfessionalId!.Value].ToList() : [];
            var mandate = mandates.GetValueOrDefault(account.Id) is { } m && m.CitizenId == account.CitizenId ? m : null;
            actors[account.Id] = new OtherUser(Build(other, roles, directory, mandate), account.DisplayName, account.OrganizationId, account.Email);
        }

        return actors;
    }

    /// <summary>
    /// The powers of attorney (not ended) behind proxy accounts. A proxy account without one reads
    /// nothing; the policy checks the period and the scope.
    /// </summary>
    private async Task<Dictionary<Guid, ProxyMandate>> MandatesAsync(IReadOnlyCollection<Guid> proxyUserIds, CancellationToken cancellationToken)
    {
        if (proxyUserIds.Count == 0)
        {
            return [];
        }

        var powers = await db.PowersOfAttorney.AsNoTracking()
            .Where(p => p.ProxyUserId != null && proxyUserIds.Contains(p.ProxyUserId.Value) && p.EndedAt == null)
            .ToListAsync(cancellationToken);

        // One power of attorney per proxy account; should there ever be more, the newest decides.
        return powers.GroupBy(p => p.ProxyUserId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.RegisteredAt).First().Mandate()!);
    }

    /// <summary>The organisation tree: the instance's snapshot (ADR 0016), the same one for the whole request.</summary>
    private async Task<OrganizationDirectory.Snapshot> DirectoryAsync(CancellationToken cancellationToken) =>
        _directory ??= await organizations.GetAsync(db, cancellationToken);

    private static AccessActor Build(CurrentUser who, IReadOnlyList<RoleRow> roles, OrganizationDirectory.Snapshot directory, ProxyMandate? mandate)
    {
        var units = roles.Select(r => r.OrganizationId).ToHashSet();
        if (who.IsStaff && who.OrganizationId is { } organizationId)
        {
            units.Add(organizationId);
        }

        var own = directory.WithUnitsBelow(units);

        var within = new HashSet<Guid>();
        foreach (var unit in units)
        {
            for (Guid? current = unit; current is { } id && within.Add(id); current = directory.ParentOf(id))
            {
            }
        }

        var kinds = units.Where(directory.ById.ContainsKey).Select(id => directory.ById[id].Kind).ToHashSet();
        return new AccessActor(
            who.UserId,
            who.IsProfessional ? who.ProfessionalId : null,
            roles.Select(r => r.Id).ToHashSet(),
            own,
            within,
            kinds,
            who.IsCitizen ? who.CitizenId : null,
            who.Roles.Contains(SamspilRoles.Proxy) ? mandate : null);
    }

    private sealed record RoleRow(Guid Id, Guid OrganizationId);
}
