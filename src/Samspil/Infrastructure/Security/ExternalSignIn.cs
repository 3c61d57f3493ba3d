using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Citizens;
using Samspil.Features.Access;
using Samspil.Features.Account;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Infrastructure.Security;

public enum ExternalSignInOutcome
{
    SignedIn = 0,

    /// <summary>The provider answered, but no account here is linked to that person.</summary>
    Unknown = 1,

    /// <summary>The invitation code is unknown, used or expired.</summary>
    InvitationInvalid = 2,

    /// <summary>The provider's answer was missing, broken or refused.</summary>
    Failed = 3,

    /// <summary>The account exists but may not sign in (locked).</summary>
    NotAllowed = 4,

    /// <summary>A MitID broker vouched for a CPR number, but no citizen record with a citizen login has it.</summary>
    NoCitizenLogin = 5,
}

/// <summary>
/// Turns what an identity provider said into a Samspil sign-in. Staff are matched by the provider's
/// subject, linked to the account once by an invitation (never by e-mail or name, which a provider
/// may let people choose). Citizens are matched by the CPR number from a MitID broker to a citizen
/// record with a citizen login; a proxy signs in through the same broker with the subject their
/// invitation linked. Nobody is created here. The CPR number is never logged.
/// </summary>
public sealed class ExternalSignIn(
    SignInManager<AppUser> signInManager,
    OidcProviders providers,
    SamspilDbContext db,
    CitizenDataAccess citizens,
    Features.Administration.AdministrationLog administrationLog,
    TimeProvider time,
    ILogger<ExternalSignIn> logger)
{
    /// <summary>Authentication property naming the configured provider the flow was started for.</summary>
    public const string ProviderItem = "samspil.provider";

    /// <summary>Authentication property carrying the invitation code through the provider's round trip (protected in the state).</summary>
    public const string InvitationItem = "samspil.invitation";

    public AuthenticationProperties Challenge(OidcProviderOptions provider, string? returnUrl, string? invitationCode)
    {
        var redirect = OpenIdConnectProviderRegistration.CallbackPage
            + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var properties = new AuthenticationProperties { RedirectUri = redirect };
        properties.Items[ProviderItem] = provider.Name;
        if (!string.IsNullOrEmpty(invitationCode))
        {
            properties.Items[InvitationItem] = invitationCode;
        }

        return properties;
    }

    public async Task<ExternalSignInOutcome> CompleteAsync(HttpContext context, CancellationToken ct)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);

        // The external cookie has done its job either way.
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || result.Principal is null || result.Properties is null
            || providers.Find(result.Properties.GetString(ProviderItem)) is not { } provider)
        {
            return ExternalSignInOutcome.Failed;
        }

        var outcome = provider.Kind == OidcProviderKind.Citizen
            ? await CitizenAsync(provider, result.Principal, result.Properties.GetString(InvitationItem), ct)
            : await StaffAsync(provider, result.Principal, result.Properties.GetString(InvitationItem), ct);
        if (outcome.User is null)
        {
            return outcome.Outcome;
        }

        if (await signInManager.UserManager.IsLockedOutAsync(outcome.User) || !await signInManager.CanSignInAsync(outcome.User))
        {
            logger.LogWarning("Sign-in through {Provider} refused for account {UserId}: not allowed", provider.Name, outcome.User.Id);
            return ExternalSignInOutcome.NotAllowed;
        }

        signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signInManager.SignInAsync(outcome.User, ProviderSignOut.SignInProperties(provider, ProviderSignOut.IdTokenOf(result.Properties)), authenticationMethod: provider.Scheme);
        logger.LogInformation("Account {UserId} signed in through {Provider}", outcome.User.Id, provider.Name);
        return ExternalSignInOutcome.SignedIn;
    }

    private async Task<(ExternalSignInOutcome Outcome, AppUser? User)> StaffAsync(OidcProviderOptions provider, ClaimsPrincipal principal, string? invitationCode, CancellationToken ct)
    {
        var subject = principal.FindFirstValue("sub");
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
        {
            return (ExternalSignInOutcome.Failed, null);
        }

        var linked = await signInManager.UserManager.FindByLoginAsync(provider.Name, subject);
        if (string.IsNullOrEmpty(invitationCode))
        {
            if (linked is null)
            {
                logger.LogWarning("Sign-in through {Provider} refused: the subject is not linked to any account", provider.Name);
                return (ExternalSignInOutcome.Unknown, null);
            }

            return (ExternalSignInOutcome.SignedIn, linked);
        }

        var now = time.GetUtcNow();
        var hash = StaffInvitation.HashOf(invitationCode);
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invitation is null || !invitation.IsOpen(now))
        {
            logger.LogWarning("Activation through {Provider} refused: invitation {InvitationId} is unknown, used or expired", provider.Name, invitation?.Id);
            return (ExternalSignInOutcome.InvitationInvalid, null);
        }

        var user = await signInManager.UserManager.FindByIdAsync(invitation.UserId.ToString());
        if (user is null || user.CitizenId is not null)
        {
            return (ExternalSignInOutcome.InvitationInvalid, null);
        }

        if (linked is not null && linked.Id != user.Id)
        {
            // This person at the provider already is someone else here: an invitation does not move a login.
            logger.LogWarning("Activation of account {UserId} through {Provider} refused: the subject is linked to account {OtherUserId}", user.Id, provider.Name, linked.Id);
            return (ExternalSignInOutcome.InvitationInvalid, null);
        }

        if (linked is null)
        {
            // One login per provider and account: a new activation replaces the old link.
            foreach (var old in (await signInManager.UserManager.GetLoginsAsync(user)).Where(l => l.LoginProvider == provider.Name))
            {
                await signInManager.UserManager.RemoveLoginAsync(user, old.LoginProvider, old.ProviderKey);
            }

            var added = await signInManager.UserManager.AddLoginAsync(user, new UserLoginInfo(provider.Name, subject, provider.DisplayName));
            if (!added.Succeeded)
            {
                return (ExternalSignInOutcome.Failed, null);
            }
        }

        invitation.MarkUsed(now);
        administrationLog.Record(user.Id, user.DisplayName, Features.Administration.AdministrationAction.AccountActivated, user, "linked to " + provider.Name);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Account {UserId} linked to {Provider} by invitation {InvitationId}", user.Id, provider.Name, invitation.Id);
        return (ExternalSignInOutcome.SignedIn, user);
    }

    /// <summary>
    /// A citizen's or proxy's activation code used through the MitID broker. The citizen is proved by the
    /// CPR number matching their own record; a proxy (whose CPR number Samspil does not hold) is linked by
    /// the broker's subject, so the next MitID sign-in finds them without a code.
    /// </summary>
    private async Task<(ExternalSignInOutcome Outcome, AppUser? User)> ActivateThroughBrokerAsync(
        OidcProviderOptions provider, ClaimsPrincipal principal, string invitationCode, Guid? cprCitizenId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hash = StaffInvitation.HashOf(invitationCode);
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.CodeHash == hash, ct);
        var user = invitation is not null && invitation.IsOpen(now) ? await signInManager.UserManager.FindByIdAsync(invitation.UserId.ToString()) : null;
        if (invitation is null || user?.CitizenId is null)
        {
            logger.LogWarning("Activation through {Provider} refused: invitation {InvitationId} is unknown, used, expired or not a citizen's", provider.Name, invitation?.Id);
            return (ExternalSignInOutcome.InvitationInvalid, null);
        }

        if (await signInManager.UserManager.IsInRoleAsync(user, SamspilRoles.Citizen))
        {
            if (cprCitizenId != user.CitizenId)
            {
                logger.LogWarning("Activation of citizen login {UserId} through {Provider} refused: the CPR number is another person's", user.Id, provider.Name);
                return (ExternalSignInOutcome.InvitationInvalid, null);
            }
        }
        else
        {
            var subject = principal.FindFirstValue("sub");
            if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
            {
                return (ExternalSignInOutcome.Failed, null);
            }

            var linked = await signInManager.UserManager.FindByLoginAsync(provider.Name, subject);
            if (linked is not null && linked.Id != user.Id)
            {
                logger.LogWarning("Activation of account {UserId} through {Provider} refused: the subject is linked to account {OtherUserId}", user.Id, provider.Name, linked.Id);
                return (ExternalSignInOutcome.InvitationInvalid, null);
            }

            if (linked is null)
            {
                var added = await signInManager.UserManager.AddLoginAsync(user, new UserLoginInfo(provider.Name, subject, provider.DisplayName));
                if (!added.Succeeded)
                {
                    return (ExternalSignInOutcome.Failed, null);
                }
            }
        }

        invitation.MarkUsed(now);
        administrationLog.Record(user.Id, user.DisplayName, Features.Administration.AdministrationAction.AccountActivated, user, "signed in through " + provider.Name);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Account {UserId} activated through {Provider} by invitation {InvitationId}", user.Id, provider.Name, invitation.Id);
        return (ExternalSignInOutcome.SignedIn, user);
    }

    private async Task<(ExternalSignInOutcome Outcome, AppUser? User)> CitizenAsync(OidcProviderOptions provider, ClaimsPrincipal principal, string? invitationCode, CancellationToken ct)
    {
        var claim = principal.FindFirstValue(provider.CprClaim);
        if (!CprNumber.TryParse(claim, CopenhagenToday(), out var cpr, out _))
        {
            logger.LogWarning("Sign-in through {Provider} refused: no valid CPR number in the answer", provider.Name);
            return (ExternalSignInOutcome.Failed, null);
        }

        var citizenId = await citizens.ExistingCitizenIdAsync(cpr, ct);
        if (!string.IsNullOrEmpty(invitationCode))
        {
            return await ActivateThroughBrokerAsync(provider, principal, invitationCode, citizenId, ct);
        }
        AppUser? user = null;

        // The citizen's own login; a relative's login for the same citizen is not the citizen.
        foreach (var candidate in citizenId is null ? [] : await db.Users.Where(u => u.CitizenId == citizenId).OrderBy(u => u.Id).ToListAsync(ct))
        {
            if (await signInManager.UserManager.IsInRoleAsync(candidate, SamspilRoles.Citizen))
            {
                user = candidate;
                break;
            }
        }

        // Not a citizen with a login: perhaps a proxy whose activation linked this broker subject.
        if (user is null && principal.FindFirstValue("sub") is { Length: > 0 and <= 200 } subject
            && await signInManager.UserManager.FindByLoginAsync(provider.Name, subject) is { } proxy
            && await signInManager.UserManager.IsInRoleAsync(proxy, SamspilRoles.Proxy))
        {
            user = proxy;
        }

        if (user is null)
        {
            logger.LogWarning("Sign-in through {Provider} refused: no citizen login for that CPR number", provider.Name);
            return (ExternalSignInOutcome.NoCitizenLogin, null);
        }

        return (ExternalSignInOutcome.SignedIn, user);
    }

    private DateOnly CopenhagenToday() => Samspil.Infrastructure.Time.CopenhagenTime.Today(time);
}
