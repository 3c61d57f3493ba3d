using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A proxy's power of attorney as the rest of the application asks about it (issue 14).</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// May the signed-in proxy act for <paramref name="citizenId"/> today: their power of attorney is
    /// registered, not ended and valid today, and (when <paramref name="consenting"/>) lets them give or limit consent?
    /// False for everyone who is not a proxy.
    /// </summary>
    public async Task<bool> ProxyMayActAsync(Guid citizenId, bool consenting, CancellationToken cancellationToken)
    {
        var mandate = (await actors.GetAsync(cancellationToken)).Proxy;
        return mandate is not null
            && mandate.CitizenId == citizenId
            && mandate.IsValidOn(CopenhagenTime.Today(time))
            && (!consenting || mandate.MayConsent);
    }

    /// <summary>
    /// The given name of the citizen the signed-in proxy acts for, while the power of attorney is valid today and the
    /// citizen's identity is not withheld; otherwise null (also for anyone who is not a proxy). Not logged as a read:
    /// the proxy was given the name with the power of attorney, and the banner ("Du handler for Louise") only repeats it.
    /// </summary>
    public async Task<string?> ProxiedGivenNameAsync(CancellationToken cancellationToken)
    {
        if (User.CitizenId is not { } citizenId || User.IsCitizen || !User.Roles.Contains(Infrastructure.Security.SamspilRoles.Proxy)
            || !await ProxyMayActAsync(citizenId, consenting: false, cancellationToken))
        {
            return null;
        }

        var citizen = await db.Citizens.AsNoTracking().Where(c => c.Id == citizenId)
            .Select(c => new { c.GivenName, c.IdentityWithheld }).SingleOrDefaultAsync(cancellationToken);
        return citizen is { IdentityWithheld: false, GivenName: { Length: > 0 } given } ? given : null;
    }

    /// <summary>The signed-in proxy's power of attorney (null once ended or for anyone else); the policy checks its period and scope.</summary>
    public async Task<ProxyMandate?> ProxyMandateAsync(CancellationToken cancellationToken) => (await actors.GetAsync(cancellationToken)).Proxy;

    /// <summary>A citizen's powers of attorney, for a caller that has decided the reader may see them (and logs the read).</summary>
    public async Task<IReadOnlyList<PowerOfAttorney>> PowersOfAttorneyOfAsync(Guid citizenId, CancellationToken cancellationToken) =>
        await db.PowersOfAttorney.AsNoTracking().Where(p => p.CitizenId == citizenId).ToListAsync(cancellationToken);

    /// <summary>One of the citizen's powers of attorney, tracked, for a caller that has decided the reader may end it; null when it is not the citizen's.</summary>
    public Task<PowerOfAttorney?> PowerOfAttorneyForChangeAsync(Guid citizenId, Guid powerOfAttorneyId, CancellationToken cancellationToken) =>
        db.PowersOfAttorney.SingleOrDefaultAsync(p => p.Id == powerOfAttorneyId && p.CitizenId == citizenId, cancellationToken);
}
