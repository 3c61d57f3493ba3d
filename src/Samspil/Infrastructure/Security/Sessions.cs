using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Infrastructure.Security;

public enum RefreshOutcome
{
    Redeemed = 0,

    /// <summary>Not ours, expired, revoked, or for another user: refused, nothing else happens.</summary>
    Refused = 1,

    /// <summary>Already used once: someone holds a copy. The family has been ended.</summary>
    Reused = 2,
}

/// <summary>
/// Server-side sessions. Every cookie and bearer token carries the account's security stamp; each request
/// is checked against the database (<see cref="IsCurrentAsync"/>: one user lookup by primary key), so a
/// new stamp — logout, lockout, a change of roles, <see cref="EndAllAsync"/> — ends every session of the
/// account on its next request. Refresh tokens are single-use and rotate within a family.
/// </summary>
public sealed class Sessions(
    SignInManager<AppUser> signInManager,
    SamspilDbContext db,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    TimeProvider time,
    SessionFacts facts)
{
    /// <summary>The random id of a refresh token (only its hash is stored).</summary>
    public const string RefreshTokenIdClaim = "samspil:refresh_id";

    /// <summary>The family a token pair belongs to: one per password sign-in, carried on by each refresh.</summary>
    public const string RefreshFamilyClaim = "samspil:refresh_family";

    /// <summary>Whether the principal's account still exists, is not locked out, and has the stamp the principal was issued with.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal) => await CurrentUserAsync(principal) is not null;

    /// <summary>
    /// The principal's account when its session is current (see <see cref="IsCurrentAsync"/>), otherwise null.
    /// One query: the account (tracked, as Identity's own lookup by id would leave it) together with the active
    /// practitioner roles of the professional the principal names, which the access policy needs next in the same
    /// request (<see cref="SessionFacts"/>; issue 16: one round trip instead of two, still read fresh per request).
    /// </summary>
    public async Task<AppUser?> CurrentUserAsync(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(signInManager.UserManager.GetUserId(principal), out var userId))
        {
            return null;
        }

        var professionalId = CurrentUser.From(principal).ProfessionalId;

        // One LEFT JOIN: a row per active role (or one row with none). SQLite has no APPLY, hence no correlated list.
        var rows = await (
                from u in db.Users.Where(u => u.Id == userId)
                from r in db.PractitionerRoles.Where(r => professionalId != null && r.ProfessionalId == professionalId && r.Active).DefaultIfEmpty()
                select new { User = u, RoleId = (Guid?)r!.Id, OrganizationId = (Guid?)r!.OrganizationId })
            .ToListAsync();
        var user = rows.FirstOrDefault()?.User;
        var stamp = principal.FindFirstValue(signInManager.Options.ClaimsIdentity.SecurityStampClaimType);
        if (user is null || !await signInManager.ValidateSecurityStampAsync(user, stamp) || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            return null;
        }

        facts.Remember(userId, professionalId, rows.Where(r => r.RoleId is not null).Select(r => new SessionFacts.Role(r.RoleId!.Value, r.OrganizationId!.Value)).ToList());
        return user;
    }

    /// <summary>Ends every cookie, bearer token and refresh token of the account (logout, deactivation, a detected token copy).</summary>
    public async Task EndAllAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        await signInManager.UserManager.UpdateSecurityStampAsync(user);
        var now = time.GetUtcNow();
        await db.RefreshTokens
            .Where(r => r.UserId == user.Id && r.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// A principal for a bearer sign-in, with a fresh refresh token id (stored hashed) in
    /// <paramref name="familyId"/>, or in a new family when there is none yet.
    /// </summary>
    public async Task<ClaimsPrincipal> CreateBearerPrincipalAsync(AppUser user, Guid? familyId, CancellationToken cancellationToken = default)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var now = time.GetUtcNow();
        var tokenId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var family = familyId ?? Guid.CreateVersion7(now);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(RefreshTokenIdClaim, tokenId));
        identity.AddClaim(new Claim(RefreshFamilyClaim, family.ToString("D", CultureInfo.InvariantCulture)));

        var lifetime = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;
        db.RefreshTokens.Add(RefreshTokenRecord.Issue(Hash(tokenId), family, user.Id, now, lifetime));
        await db.SaveChangesAsync(cancellationToken);
        return principal;
    }

    /// <summary>
    /// Marks the refresh token of <paramref name="principal"/> used, once. A second use ends the token's
    /// family and every session of the account: a used token only comes back when someone kept a copy.
    /// </summary>
    public async Task<(RefreshOutcome Outcome, Guid FamilyId)> RedeemAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(RefreshTokenIdClaim) is not { Length: > 0 } tokenId
            || !Guid.TryParse(signInManager.UserManager.GetUserId(principal), out var userId))
        {
            return (RefreshOutcome.Refused, Guid.Empty);
        }

        var hash = Hash(tokenId);
        var record = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (record is null || record.UserId != userId)
        {
            return (RefreshOutcome.Refused, Guid.Empty);
        }

        var now = time.GetUtcNow();

        // One conditional update: of two concurrent redemptions only one finds the token unused.
        var marked = await db.RefreshTokens
            .Where(r => r.Id == record.Id && r.UsedAt == null && r.RevokedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), cancellationToken);
        if (marked == 1)
        {
            return (RefreshOutcome.Redeemed, record.FamilyId);
        }

        var used = await db.RefreshTokens.AsNoTracking().Where(r => r.Id == record.Id).Select(r => r.UsedAt).SingleAsync(cancellationToken);
        if (used is null)
        {
            return (RefreshOutcome.Refused, record.FamilyId); // revoked or expired
        }

        await db.RefreshTokens
            .Where(r => r.FamilyId == record.FamilyId && r.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), cancellationToken);
        if (await signInManager.UserManager.FindByIdAsync(userId.ToString("D", CultureInfo.InvariantCulture)) is { } user)
        {
            await EndAllAsync(user, cancellationToken);
        }

        return (RefreshOutcome.Reused, record.FamilyId);
    }

    private static string Hash(string tokenId) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tokenId)));
}

/// <summary>
/// What the session check of this request read besides the account: the active practitioner roles of the
/// signed-in professional. The access policy's actor (AccessActorProvider) takes them from here instead of
/// reading them again; they are never kept beyond the request (scoped).
/// </summary>
public sealed class SessionFacts
{
    private (Guid UserId, Guid? ProfessionalId, IReadOnlyList<Role> Roles)? _checked;

    public void Remember(Guid userId, Guid? professionalId, IReadOnlyList<Role> roles) => _checked = (userId, professionalId, roles);

    /// <summary>The roles read by this request's session check for exactly this user and professional, or null.</summary>
    public IReadOnlyList<Role>? ActiveRolesOf(Guid userId, Guid? professionalId) =>
        _checked is { } c && c.UserId == userId && c.ProfessionalId == professionalId ? c.Roles : null;

    public sealed record Role(Guid Id, Guid OrganizationId);
}

/// <summary>
/// Identity's user manager, except that a change of roles and a lockout also give the account a new
/// security stamp, so that its existing sessions end on their next request (Identity leaves the stamp alone for both).
/// </summary>
public sealed class SamspilUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(AppUser user, string role) =>
        await NewStampAfterAsync(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await NewStampAfterAsync(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(AppUser user, string role) =>
        await NewStampAfterAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await NewStampAfterAsync(user, await base.RemoveFromRolesAsync(user, roles));

    /// <summary>Locking (a non-null end, including <see cref="DateTimeOffset.MaxValue"/> for deactivation) ends the sessions; unlocking does not bring them back.</summary>
    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return lockoutEnd is null ? result : await NewStampAfterAsync(user, result);
    }

    /// <summary>The failure that locks the account (too many wrong passwords) ends its sessions too.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        var result = await base.AccessFailedAsync(user);
        return result.Succeeded && await IsLockedOutAsync(user) ? await NewStampAfterAsync(user, result) : result;
    }

    private async Task<IdentityResult> NewStampAfterAsync(AppUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}
