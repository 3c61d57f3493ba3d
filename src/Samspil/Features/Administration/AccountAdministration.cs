using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Features.Account;
using Samspil.Features.Meetings.Calendar;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>
/// Staff accounts, kept by the administrators of an organisation for their own organisation tree (the
/// organisation and every organisation below it, through <see cref="Organization.PartOfId"/>): list,
/// invite, change, deactivate, reactivate, invite again. An account outside the tree does not exist for
/// the administrator (null, i.e. 404). Every change is written to the <see cref="AdministrationLog"/> in
/// the same transaction as the change. Deactivation is a lockout without end, which ends every cookie,
/// bearer and refresh token of the account on its next request (<see cref="SamspilUserManager"/>).
/// </summary>
public sealed class AccountAdministration(
    SamspilDbContext db,
    SamspilUserManager users,
    Sessions sessions,
    AdministrationLog log,
    AccountInvitationMail invitationMail,
    IOptions<WebSecurityOptions> web,
    TimeProvider time)
{
    /// <summary>The roles an administrator hands out here; citizen, proxy and integration accounts are made elsewhere.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [SamspilRoles.Professional, SamspilRoles.Administrator, SamspilRoles.Manager];

    private const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-._@+";

    /// <summary>Whether a lockout end means "deactivated" (a lockout to <see cref="DateTimeOffset.MaxValue"/>, as stored by the database).</summary>
    public static bool IsDeactivated(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.UtcDateTime.Year >= 9999;

    /// <summary>The administrator's organisation and every organisation below it, in tree order with depth.</summary>
    public async Task<IReadOnlyList<TreeOrganizationView>> TreeAsync(CurrentUser admin, CancellationToken cancellationToken)
    {
        if (!admin.IsAdministrator || admin.OrganizationId is not { } root)
        {
            return [];
        }

        var all = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.PartOfId }).ToListAsync(cancellationToken);
        var children = all.Where(o => o.PartOfId is not null).ToLookup(o => o.PartOfId!.Value);
        var result = new List<TreeOrganizationView>();
        var seen = new HashSet<Guid>();
        void Visit(Guid id, string name, int depth)
        {
            if (!seen.Add(id))
            {
                return; // a cycle in bad data must not loop forever
            }

            result.Add(new TreeOrganizationView(id, name, depth));
            foreach (var child in children[id].OrderBy(c => c.Name, StringComparer.CurrentCulture))
            {
                Visit(child.Id, child.Name, depth + 1);
            }
        }

        if (all.SingleOrDefault(o => o.Id == root) is { } top)
        {
            Visit(top.Id, top.Name, 0);
        }

        return result;
    }

    public async Task<IReadOnlyList<AccountView>> ListAsync(CurrentUser admin, AccountStatus? status, Guid? unitId, string? search, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var treeIds = tree.Select(o => o.Id).ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.CitizenId == null && u.OrganizationId != null && treeIds.Contains(u.OrganizationId.Value))
            .ToListAsync(cancellationToken);
        var views = await ViewsAsync(accounts, tree, cancellationToken);
        var term = search?.Trim();
        return views
            .Where(v => status is null || v.Status == status)
            .Where(v => unitId is null || v.OrganizationId == unitId || v.Units.Any(u => u.OrganizationId == unitId))
            .Where(v => string.IsNullOrEmpty(term)
                || v.DisplayName.Contains(term, StringComparison.CurrentCultureIgnoreCase)
                || (v.Email?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false))
            .OrderBy(v => v.DisplayName, StringComparer.CurrentCulture)
            .ToList();
    }

    public async Task<AccountView?> GetAsync(CurrentUser admin, Guid id, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var user = await FindInTreeAsync(tree, id, tracked: false, cancellationToken);
        return user is null ? null : (await ViewsAsync([user], tree, cancellationToken)).Single();
    }

    /// <summary>
    /// Creates the professional with their units, the account (no password) with its roles, and an
    /// invitation whose link is e-mailed through the outbox and returned.
    /// </summary>
    public async Task<InvitedAccountView> InviteAsync(CurrentUser admin, AccountRequest request, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var errors = await ValidateAsync(request, tree, existingUserId: null, existingUnitIds: new HashSet<Guid>(), cancellationToken);
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        await using var transaction = await BeginAsync(cancellationToken);
        var (user, invitation) = await CreateAsync(admin, request, AdministrationAction.AccountCreated, null, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return new InvitedAccountView((await GetAsync(admin, user.Id, cancellationToken))!, invitation);
    }

    /// <summary>Creates every account of an import in one transaction (the caller has validated all rows); each gets an invitation.</summary>
    public async Task<IReadOnlyList<InvitedAccountView>> ImportAsync(CurrentUser admin, IReadOnlyList<(int Row, AccountRequest Request)> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(cancellationToken);
        var created = new List<(Guid UserId, AccountInvitationView Invitation)>();
        foreach (var (row, request) in rows)
        {
            var (user, invitation) = await CreateAsync(admin, request, AdministrationAction.AccountsImported, "row " + row.ToString(CultureInfo.InvariantCulture), cancellationToken);
            created.Add((user.Id, invitation));
        }

        await CommitAsync(transaction, cancellationToken);
        var result = new List<InvitedAccountView>();
        foreach (var (userId, invitation) in created)
        {
            result.Add(new InvitedAccountView((await GetAsync(admin, userId, cancellationToken))!, invitation));
        }

        return result;
    }

    /// <summary>
    /// Changes name, e-mail, profession, roles and units (a unit left out is ended). Null when the account
    /// is not in the tree; <see cref="AccountVersionConflictException"/> when <paramref name="expectedVersion"/>
    /// (null = any) is not the current one. A change of roles ends the account's sessions.
    /// </summary>
    public async Task<AccountView?> UpdateAsync(CurrentUser admin, Guid id, string? expectedVersion, AccountRequest request, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var user = await FindInTreeAsync(tree, id, tracked: true, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (expectedVersion is not null && !string.Equals(expectedVersion, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            throw new AccountVersionConflictException(user.ConcurrencyStamp ?? string.Empty);
        }

        var professional = user.ProfessionalId is { } professionalId
            ? await db.Professionals.Include(p => p.Roles).SingleOrDefaultAsync(p => p.Id == professionalId, cancellationToken)
            : null;
        var treeIds = tree.Select(o => o.Id).ToHashSet();
        var currentUnits = professional?.Roles.Where(r => r.Active && treeIds.Contains(r.OrganizationId)).ToList() ?? [];
        var errors = await ValidateAsync(request, tree, user.Id, currentUnits.Select(u => u.Id).ToHashSet(), cancellationToken);
        var newRoles = NormalizedRoles(request.Roles);
        if (admin.UserId == user.Id && !newRoles.Contains(SamspilRoles.Administrator))
        {
            errors.Add("roles", "Account.Self.AdministratorRole");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        await using var transaction = await BeginAsync(cancellationToken);
        var changed = new List<string>();
        var displayName = request.DisplayName!.Trim();
        if (!string.Equals(user.DisplayName, displayName, StringComparison.Ordinal))
        {
            user.DisplayName = displayName;
            changed.Add("displayName");
        }

        var email = request.Email!.Trim();
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            user.Email = email;
            user.NormalizedEmail = users.NormalizeEmail(email);
            user.EmailConfirmed = false;
            changed.Add("email");
        }

        var unitChanges = ApplyUnits(user, ref professional, request, currentUnits, tree);
        if (changed.Count > 0)
        {
            log.Record(admin, AdministrationAction.AccountUpdated, user, string.Join(", ", changed));
        }

        if (unitChanges.Count > 0)
        {
            log.Record(admin, AdministrationAction.ProfessionalUpdated, user, string.Join("; ", unitChanges));
        }

        if (changed.Count > 0 || unitChanges.Count > 0)
        {
            await SaveAsync(user, cancellationToken);
        }

        var oldRoles = (await users.GetRolesAsync(user)).Where(StaffRoles.Contains).Order(StringComparer.Ordinal).ToList();
        if (!oldRoles.SequenceEqual(newRoles))
        {
            var removed = oldRoles.Except(newRoles).ToList();
            var added = newRoles.Except(oldRoles).ToList();
            if (removed.Count > 0)
            {
                Succeeded(await users.RemoveFromRolesAsync(user, removed));
            }

            if (added.Count > 0)
            {
                Succeeded(await users.AddToRolesAsync(user, added));
            }

            log.Record(admin, AdministrationAction.RolesChanged, user, "roles: " + RoleList(oldRoles) + " → " + RoleList(newRoles));
            await db.SaveChangesAsync(cancellationToken);
        }

        await CommitAsync(transaction, cancellationToken);
        return await GetAsync(admin, id, cancellationToken);
    }

    /// <summary>Locks the account without end and ends its sessions and open invitations. Not one's own account.</summary>
    public async Task<AccountView?> DeactivateAsync(CurrentUser admin, Guid id, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var user = await FindInTreeAsync(tree, id, tracked: true, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (user.Id == admin.UserId)
        {
            throw new DomainException("Account.Self.Deactivate");
        }

        if (IsDeactivated(user.LockoutEnd))
        {
            return await GetAsync(admin, id, cancellationToken);
        }

        await using var transaction = await BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var open in await db.StaffInvitations.Where(i => i.UserId == user.Id && i.UsedAt == null).ToListAsync(cancellationToken))
        {
            open.Revoke(now);
        }

        log.Record(admin, AdministrationAction.AccountDeactivated, user);
        Succeeded(await users.SetLockoutEnabledAsync(user, true));
        Succeeded(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        await sessions.EndAllAsync(user, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return await GetAsync(admin, id, cancellationToken);
    }

    /// <summary>Lifts the deactivation: the person can sign in again (old sessions stay ended).</summary>
    public async Task<AccountView?> ReactivateAsync(CurrentUser admin, Guid id, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var user = await FindInTreeAsync(tree, id, tracked: true, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (!IsDeactivated(user.LockoutEnd))
        {
            return await GetAsync(admin, id, cancellationToken);
        }

        await using var transaction = await BeginAsync(cancellationToken);
        log.Record(admin, AdministrationAction.AccountReactivated, user);
        Succeeded(await users.SetLockoutEndDateAsync(user, null));
        Succeeded(await users.ResetAccessFailedCountAsync(user));
        await CommitAsync(transaction, cancellationToken);
        return await GetAsync(admin, id, cancellationToken);
    }

    /// <summary>A new invitation (older open ones stop working), e-mailed and returned. Not for a deactivated account.</summary>
    public async Task<InvitedAccountView?> ResendInvitationAsync(CurrentUser admin, Guid id, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(admin, cancellationToken);
        var user = await FindInTreeAsync(tree, id, tracked: true, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (IsDeactivated(user.LockoutEnd))
        {
            throw new DomainException("Account.Invitation.Deactivated");
        }

        if (!CalendarWriter.IsPlainAddress(user.Email))
        {
            throw new DomainException("Account.Invitation.NoEmail");
        }

        await using var transaction = await BeginAsync(cancellationToken);
        var invitation = await InviteAsync(admin, user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return new InvitedAccountView((await GetAsync(admin, id, cancellationToken))!, invitation);
    }

    /// <summary>
    /// Checks a request without saving: the errors by field ("units[0].title"), as codes. Also used by the
    /// import for each row, so that an import can report every problem before it creates anything.
    /// </summary>
    public async Task<ValidationErrors> ValidateAsync(
        AccountRequest request, IReadOnlyList<TreeOrganizationView> tree, Guid? existingUserId, IReadOnlySet<Guid> existingUnitIds, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Text(errors, "displayName", request.DisplayName, 200, "Account.DisplayName", required: true);
        Text(errors, "profession", request.Profession, 100, "Account.Profession", required: true);
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add("email", "Account.Email.Required");
        }
        else if (!CalendarWriter.IsPlainAddress(email))
        {
            errors.Add("email", "Account.Email.Invalid");
        }
        else
        {
            var normalized = users.NormalizeEmail(email);
            var userName = users.NormalizeName(UserNameFor(email));
            if (await db.Users.AnyAsync(u => u.Id != existingUserId && (u.NormalizedEmail == normalized || u.NormalizedUserName == userName), cancellationToken))
            {
                errors.Add("email", "Account.Email.Taken");
            }
        }

        if (request.Roles is null || request.Roles.Count == 0)
        {
            errors.Add("roles", "Account.Roles.Required");
        }
        else if (request.Roles.Any(r => !StaffRoles.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add("roles", "Account.Roles.Unknown");
        }

        var units = request.Units ?? [];
        if (units.Count == 0)
        {
            errors.Add("units", "Account.Units.Required");
        }
        else if (units.Count > 20)
        {
            errors.Add("units", "Account.Units.TooMany");
        }

        var treeIds = tree.Select(o => o.Id).ToHashSet();
        for (var i = 0; i < units.Count && i < 20; i++)
        {
            var unit = units[i];
            var prefix = "units[" + i.ToString(CultureInfo.InvariantCulture) + "].";
            if (unit is null)
            {
                errors.Add(prefix + "organizationId", "Account.Unit.Required");
                continue;
            }

            if (unit.Id is { } unitId && !existingUnitIds.Contains(unitId))
            {
                errors.Add(prefix + "id", "Account.Unit.Unknown");
            }
            else if (unit.Id is null && (unit.OrganizationId is not { } organizationId || !treeIds.Contains(organizationId)))
            {
                errors.Add(prefix + "organizationId", unit.OrganizationId is null ? "Account.Unit.Required" : "Account.Unit.OutsideTree");
            }

            Text(errors, prefix + "title", unit.Title, 200, "Account.Title", required: true);
            Text(errors, prefix + "mandate", unit.Mandate, 1000, "Account.Mandate", required: true);
            Text(errors, prefix + "directPhone", unit.DirectPhone, 30, "Account.DirectPhone", required: false);
            if (Text(errors, prefix + "directEmail", unit.DirectEmail, 200, "Account.DirectEmail", required: false) is { } direct && !CalendarWriter.IsPlainAddress(direct))
            {
                errors.Add(prefix + "directEmail", "Account.Email.Invalid");
            }
        }

        if (units.Where(u => u?.Id is not null).GroupBy(u => u!.Id).Any(g => g.Count() > 1))
        {
            errors.Add("units", "Account.Units.Duplicate");
        }

        return errors;
    }

    /// <summary>Identity's user name: the e-mail address when Identity accepts its characters, otherwise a generated name.</summary>
    public static string UserNameFor(string email)
    {
        var lower = email.Trim().ToLowerInvariant();
        return lower.All(UserNameCharacters.Contains) ? lower : "staff-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lower)))[..16];
    }

    private async Task<(AppUser User, AccountInvitationView Invitation)> CreateAsync(
        CurrentUser admin, AccountRequest request, AdministrationAction action, string? detailsPrefix, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tree = await TreeAsync(admin, cancellationToken);
        var professional = Professional.Create(request.DisplayName, request.Profession, Guid.CreateVersion7(now));
        foreach (var unit in request.Units!)
        {
            professional.AddRole(unit.OrganizationId!.Value, Details(unit), Guid.CreateVersion7(now));
        }

        db.Professionals.Add(professional);
        var email = request.Email!.Trim();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = UserNameFor(email),
            Email = email,
            DisplayName = request.DisplayName!.Trim(),
            ProfessionalId = professional.Id,
            OrganizationId = request.Units![0].OrganizationId,
            LockoutEnabled = true,
        };
        Succeeded(await users.CreateAsync(user));
        var roles = NormalizedRoles(request.Roles);
        Succeeded(await users.AddToRolesAsync(user, roles));
        var unitNames = string.Join(", ", professional.Roles.Select(r => tree.FirstOrDefault(o => o.Id == r.OrganizationId)?.Name ?? string.Empty));
        log.Record(admin, action, user, (detailsPrefix is null ? string.Empty : detailsPrefix + "; ") + "roles: " + RoleList(roles) + "; units: " + unitNames);
        var invitation = await InviteAsync(admin, user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (user, invitation);
    }

    /// <summary>Issues an invitation (revoking older open ones), queues its e-mail and logs it; the caller saves.</summary>
    private async Task<AccountInvitationView> InviteAsync(CurrentUser admin, AppUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var older in await db.StaffInvitations.Where(i => i.UserId == user.Id && i.UsedAt == null).ToListAsync(cancellationToken))
        {
            older.Revoke(now);
        }

        var (invitation, code) = StaffInvitation.Issue(user.Id, admin.UserId, now);
        db.StaffInvitations.Add(invitation);
        db.OutboxMessages.Add(invitationMail.Queue(invitation, code, now));
        log.Record(admin, AdministrationAction.AccountInvited, user, "invitation e-mailed, valid until " + invitation.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new AccountInvitationView(invitation.Id, ActivationUrl(code), invitation.ExpiresAt);
    }

    public string ActivationUrl(string code) => web.Value.LinkTo("/Account/Activate?code=" + Uri.EscapeDataString(code));

    /// <summary>Updates kept units, ends the ones left out, adds new ones; returns what changed (no personal data).</summary>
    private List<string> ApplyUnits(AppUser user, ref Professional? professional, AccountRequest request, List<PractitionerRole> currentUnits, IReadOnlyList<TreeOrganizationView> tree)
    {
        var changes = new List<string>();
        var now = time.GetUtcNow();
        string NameOf(Guid organizationId) => tree.FirstOrDefault(o => o.Id == organizationId)?.Name ?? organizationId.ToString();
        if (professional is null)
        {
            professional = Professional.Create(request.DisplayName, request.Profession, Guid.CreateVersion7(now));
            db.Professionals.Add(professional);
            user.ProfessionalId = professional.Id;
            changes.Add("professional created");
        }
        else if (!string.Equals(professional.Name, request.DisplayName!.Trim(), StringComparison.Ordinal)
            || !string.Equals(professional.Profession, request.Profession!.Trim(), StringComparison.Ordinal))
        {
            if (!string.Equals(professional.Profession, request.Profession!.Trim(), StringComparison.Ordinal))
            {
                changes.Add("profession");
            }

            professional.Rename(request.DisplayName, request.Profession);
        }

        var requested = request.Units!;
        foreach (var unit in currentUnits.Where(u => !requested.Any(r => r.Id == u.Id)))
        {
            unit.Deactivate();
            changes.Add("unit ended: " + NameOf(unit.OrganizationId));
        }

        foreach (var unit in requested)
        {
            if (unit.Id is { } unitId)
            {
                var existing = currentUnits.Single(u => u.Id == unitId);
                var before = (existing.Title, existing.Mandate, existing.DirectPhone, existing.DirectEmail);
                existing.Update(Details(unit));
                var fields = new List<string>();
                if (before.Title != existing.Title)
                {
                    fields.Add("title");
                }

                if (before.Mandate != existing.Mandate)
                {
                    fields.Add("mandate");
                }

                if (before.DirectPhone != existing.DirectPhone || before.DirectEmail != existing.DirectEmail)
                {
                    fields.Add("contact");
                }

                if (fields.Count > 0)
                {
                    changes.Add(NameOf(existing.OrganizationId) + ": " + string.Join(", ", fields));
                }
            }
            else
            {
                var added = professional.AddRole(unit.OrganizationId!.Value, Details(unit), Guid.CreateVersion7(now));
                db.PractitionerRoles.Add(added);
                changes.Add("unit added: " + NameOf(added.OrganizationId));
            }
        }

        // The account belongs to its first unit's organisation.
        var first = requested[0].Id is { } firstId ? currentUnits.Single(u => u.Id == firstId).OrganizationId : requested[0].OrganizationId!.Value;
        if (user.OrganizationId != first)
        {
            user.OrganizationId = first;
            changes.Add("organisation: " + NameOf(first));
        }

        return changes;
    }

    private async Task<AppUser?> FindInTreeAsync(IReadOnlyList<TreeOrganizationView> tree, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Users : db.Users.AsNoTracking();
        var user = await query.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is { CitizenId: null, OrganizationId: { } organizationId } && tree.Any(o => o.Id == organizationId) ? user : null;
    }

    private async Task<List<AccountView>> ViewsAsync(IReadOnlyList<AppUser> accounts, IReadOnlyList<TreeOrganizationView> tree, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var professionalIds = accounts.Where(a => a.ProfessionalId is not null).Select(a => a.ProfessionalId!.Value).ToList();
        var roles = (await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var linked = (await db.UserLogins.Where(l => ids.Contains(l.UserId)).Select(l => l.UserId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var professionals = await db.Professionals.AsNoTracking().Where(p => professionalIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Profession }).ToDictionaryAsync(p => p.Id, p => p.Profession, cancellationToken);
        var treeIds = tree.Select(o => o.Id).ToList();
        var units = (await db.PractitionerRoles.AsNoTracking()
                .Where(r => professionalIds.Contains(r.ProfessionalId) && r.Active && treeIds.Contains(r.OrganizationId))
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ProfessionalId);
        var names = tree.ToDictionary(o => o.Id, o => o.Name);

        return accounts.Select(a => new AccountView(
                a.Id,
                a.DisplayName,
                a.Email,
                a.UserName,
                IsDeactivated(a.LockoutEnd) ? AccountStatus.Deactivated
                    : a.PasswordHash is null && !linked.Contains(a.Id) ? AccountStatus.Invited
                    : AccountStatus.Active,
                roles[a.Id].Order(StringComparer.Ordinal).ToList(),
                a.OrganizationId,
                a.OrganizationId is { } o ? names.GetValueOrDefault(o) : null,
                a.ProfessionalId,
                a.ProfessionalId is { } p ? professionals.GetValueOrDefault(p) : null,
                a.ProfessionalId is { } pid
                    ? units[pid].OrderBy(u => u.OrganizationId == a.OrganizationId ? 0 : 1).ThenBy(u => names.GetValueOrDefault(u.OrganizationId), StringComparer.CurrentCulture)
                        .Select(u => new AccountUnitView(u.Id, u.OrganizationId, names.GetValueOrDefault(u.OrganizationId) ?? string.Empty, u.Title, u.Mandate, u.DirectPhone, u.DirectEmail)).ToList()
                    : [],
                a.ConcurrencyStamp ?? string.Empty))
            .ToList();
    }

    private static PractitionerRoleDetails Details(AccountUnitRequest unit) => new(unit.Title, unit.Mandate, unit.DirectPhone, unit.DirectEmail);

    private static List<string> NormalizedRoles(IReadOnlyList<string>? roles) =>
        StaffRoles.Where(r => roles?.Contains(r, StringComparer.OrdinalIgnoreCase) == true).Order(StringComparer.Ordinal).ToList();

    private static string RoleList(IReadOnlyList<string> roles) => roles.Count == 0 ? "—" : string.Join(", ", roles);

    private static string? Text(ValidationErrors errors, string field, string? value, int max, string code, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(field, code + ".Required");
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors.Add(field, code + ".TooLong");
        }
        else if (Guard.HasControlCharacters(trimmed) || trimmed.Contains('\n') || trimmed.Contains('\r'))
        {
            errors.Add(field, code + ".InvalidCharacters");
        }

        return trimmed;
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // A concurrent change of the same account (Identity's concurrency stamp) or a rule Identity enforces.
            throw result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new DbUpdateConcurrencyException()
                : new DomainException("Account.Identity.Refused");
        }
    }

    private async Task SaveAsync(AppUser user, CancellationToken cancellationToken)
    {
        // UpdateAsync saves the tracked professional and units too, and gives the account a new concurrency stamp (the version).
        Succeeded(await users.UpdateAsync(user));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IDbContextTransaction?> BeginAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private static async Task CommitAsync(IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
