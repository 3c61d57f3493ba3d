using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Samspil.Domain.Common;

namespace Samspil.Infrastructure.Security;

/// <summary>The signed-in user as the rest of the application sees them.</summary>
public sealed record CurrentUser(
    Guid UserId,
    string DisplayName,
    IReadOnlySet<string> Roles,
    Guid? ProfessionalId,
    Guid? OrganizationId,
    Guid? CitizenId)
{
    public static readonly CurrentUser Anonymous = new(Guid.Empty, string.Empty, new HashSet<string>(), null, null, null);

    /// <summary>Samspil's own background work; its access-log entries name "Samspil" and the basis System.</summary>
    public static readonly CurrentUser System = new(new Guid("00000000-0000-0000-0000-00000000005a"), "Samspil", new HashSet<string> { SamspilRoles.System }, null, null, null);

    public bool IsAuthenticated => UserId != Guid.Empty;

    public bool IsSystem => Roles.Contains(SamspilRoles.System);

    public bool IsAdministrator => Roles.Contains(SamspilRoles.Administrator);

    public bool IsProfessional => Roles.Contains(SamspilRoles.Professional) && ProfessionalId is not null;

    public bool IsCitizen => Roles.Contains(SamspilRoles.Citizen) && CitizenId is not null;

    public bool IsStaff => IsAdministrator || IsProfessional;

    /// <summary>A manager (leder) with an organisation: sees the steering figures of its tree. Not staff: the role reads no citizen data.</summary>
    public bool IsManager => Roles.Contains(SamspilRoles.Manager) && OrganizationId is not null;

    /// <summary>May open "Styringsdata": an administrator or a manager (the figures cover their own organisation tree).</summary>
    public bool SeesSteeringFigures => IsAdministrator || IsManager;

    /// <summary>The citizen, or a proxy acting for them: the user the "Mine …" pages are for.</summary>
    public bool ActsForCitizen => CitizenId is not null && (IsCitizen || Roles.Contains(SamspilRoles.Proxy));

    public Actor AsActor() => new(UserId, DisplayName);

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return Anonymous;
        }

        return new CurrentUser(
            userId,
            principal.FindFirstValue(SamspilClaims.DisplayName) ?? principal.Identity.Name ?? string.Empty,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            GuidClaim(principal, SamspilClaims.ProfessionalId),
            GuidClaim(principal, SamspilClaims.OrganizationId),
            GuidClaim(principal, SamspilClaims.CitizenId));
    }

    private static Guid? GuidClaim(ClaimsPrincipal principal, string type) =>
        Guid.TryParse(principal.FindFirstValue(type), out var value) ? value : null;
}

public static class SamspilClaims
{
    public const string DisplayName = "samspil:display_name";
    public const string ProfessionalId = "samspil:professional_id";
    public const string OrganizationId = "samspil:organization_id";
    public const string CitizenId = "samspil:citizen_id";
}

/// <summary>Puts who the user is (professional, organisation, citizen) into the cookie and bearer token.</summary>
internal sealed class SamspilClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options,
    Samspil.Infrastructure.Persistence.SamspilDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SamspilClaims.DisplayName, user.DisplayName));
        AddIfSet(identity, SamspilClaims.ProfessionalId, user.ProfessionalId);
        AddIfSet(identity, SamspilClaims.OrganizationId, user.OrganizationId);
        AddIfSet(identity, SamspilClaims.CitizenId, user.CitizenId);

        // A citizen's recorded language is their default after sign-in (not a proxy's: they act for the citizen but read for themselves).
        if (user.CitizenId is { } citizenId && identity.HasClaim(identity.RoleClaimType, SamspilRoles.Citizen))
        {
            var language = await Samspil.Features.Access.CitizenDataAccess.OwnLanguageAtSignInAsync(db, citizenId, CancellationToken.None);
            if (Samspil.Infrastructure.Localization.SamspilCultures.IsSupported(language))
            {
                identity.AddClaim(new Claim(Samspil.Infrastructure.Localization.UserCultureProvider.PreferredLanguageClaim, language!));
            }
        }

        return identity;
    }

    private static void AddIfSet(ClaimsIdentity identity, string type, Guid? value)
    {
        if (value is { } id)
        {
            identity.AddClaim(new Claim(type, id.ToString("D", CultureInfo.InvariantCulture)));
        }
    }
}

/// <summary>Set in a scope created by <see cref="SystemScope.CreateSystemScope"/>: the scope's user is <see cref="CurrentUser.System"/>.</summary>
public sealed class SystemScopeMarker
{
    public bool Active { get; set; }
}

public static class SystemScope
{
    /// <summary>A service scope for background work, acting as Samspil itself rather than a signed-in person.</summary>
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SystemScopeMarker>().Active = true;
        return scope;
    }
}
