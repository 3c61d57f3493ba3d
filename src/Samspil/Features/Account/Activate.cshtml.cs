using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Common;
using Samspil.Features.Administration;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>Configuration <c>Authentication:AllowLocalPasswords</c>: may an invited person choose a user name and password (default yes)?</summary>
public sealed class LocalPasswordOptions
{
    public const string Section = "Authentication";

    public bool AllowLocalPasswords { get; set; } = true;
}

/// <summary>
/// Where an activation link or a letter's code lands, for staff, citizens and proxies alike. The person
/// either chooses a user name and a password here, or signs in through a configured provider (staff:
/// their organisation's; citizens and proxies: the MitID broker) and is linked on the way back (see
/// <see cref="ExternalSignIn"/>). Unknown, used and expired codes get one plain answer; wrong codes count
/// towards the sign-in throttle of the client's address.
/// </summary>
public sealed class ActivateModel(
    OidcProviders providers,
    ExternalSignIn external,
    SamspilDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    SignInThrottle throttle,
    AdministrationLog administrationLog,
    IOptions<LocalPasswordOptions> localPasswords,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider time,
    ILogger<ActivateModel> logger) : PageModel
{
    private const int MaxCodeLength = 100;

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Valid { get; private set; }

    public bool Throttled { get; private set; }

    /// <summary>No code in the link: the person types the code from their letter.</summary>
    public bool AskForCode { get; private set; }

    /// <summary>Is the invited account a citizen's or a proxy's (MitID) rather than staff's (the organisation's provider)?</summary>
    public bool ForCitizenOrProxy { get; private set; }

    public bool AllowPassword => localPasswords.Value.AllowLocalPasswords;

    public IReadOnlyList<OidcProviderOptions> Providers =>
        providers.All.Where(p => p.Kind == (ForCitizenOrProxy ? OidcProviderKind.Citizen : OidcProviderKind.Staff)).ToList();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetChallengeAsync(string? provider, CancellationToken ct)
    {
        var (invitation, _) = await LoadAsync(ct);
        if (invitation is null)
        {
            return Page();
        }

        if (providers.Find(provider) is not { } chosen || chosen.Kind != (ForCitizenOrProxy ? OidcProviderKind.Citizen : OidcProviderKind.Staff))
        {
            return NotFound();
        }

        // The code travels inside the protected state and is checked again (and used up) on the way back.
        return Challenge(external.Challenge(chosen, returnUrl: null, Code), chosen.Scheme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (invitation, user) = await LoadAsync(ct);
        if (invitation is null || user is null)
        {
            return Page();
        }

        if (!AllowPassword)
        {
            return NotFound();
        }

        var name = Username?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length is < 3 or > 64 || Guard.HasControlCharacters(name))
        {
            ModelState.AddModelError(nameof(Username), localizer["Activate.Username.Invalid"]);
        }

        if (string.IsNullOrEmpty(Password) || Password.Length > 200)
        {
            ModelState.AddModelError(nameof(Password), localizer["Activate.Password.Required"]);
        }
        else if (!string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), localizer["Activate.Password.Mismatch"]);
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, user, Password);
                foreach (var error in checkedPassword.Errors)
                {
                    ModelState.AddModelError(nameof(Password), PasswordMessage(error));
                }
            }
        }

        if (ModelState.IsValid && await users.FindByNameAsync(name!) is { } taken && taken.Id != user.Id)
        {
            ModelState.AddModelError(nameof(Username), localizer["Activate.Username.Taken"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var renamed = await users.SetUserNameAsync(user, name);
        if (!renamed.Succeeded)
        {
            ModelState.AddModelError(nameof(Username), localizer[renamed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? "Activate.Username.Taken" : "Activate.Username.Invalid"]);
            return Page();
        }

        if (user.PasswordHash is not null)
        {
            await users.RemovePasswordAsync(user);
        }

        var added = await users.AddPasswordAsync(user, Password!);
        if (!added.Succeeded)
        {
            foreach (var error in added.Errors)
            {
                ModelState.AddModelError(nameof(Password), PasswordMessage(error));
            }

            return Page();
        }

        invitation.MarkUsed(time.GetUtcNow());
        administrationLog.Record(user.Id, user.DisplayName, AdministrationAction.AccountActivated, user, "password chosen");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Account {UserId} activated with a password by invitation {InvitationId}", user.Id, invitation.Id);

        if (user.CitizenId is null)
        {
            // Staff sign in through the sign-in page, which asks for what it requires of staff (a second factor).
            TempData["StatusMessage"] = localizer["Activate.Done"].Value;
            return LocalRedirect("/Account/Login");
        }

        signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        return LocalRedirect("/");
    }

    public ExternalLinksModel ExternalLinks(string heading) => new(
        heading,
        Providers,
        p => Url.Page("/Account/Activate", "Challenge", new { code = Code, provider = p.Name })!);

    private string PasswordMessage(IdentityError error) =>
        localizer["Activate.Password." + error.Code] is { ResourceNotFound: false } known
            ? string.Format(CultureInfo.CurrentCulture, known.Value, 10)
            : localizer["Activate.Password.Weak"];

    /// <summary>The open invitation behind <see cref="Code"/> and its account, or (null, null) with the page set to answer 404 or 429.</summary>
    private async Task<(StaffInvitation? Invitation, AppUser? User)> LoadAsync(CancellationToken ct)
    {
        if (throttle.RetryAfter(HttpContext, null) is { } wait)
        {
            Throttled = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            SignInThrottle.SetRetryAfter(Response, wait);
            return (null, null);
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            AskForCode = true;
            return (null, null);
        }

        StaffInvitation? invitation = null;
        if (!string.IsNullOrEmpty(Code) && Code.Length <= MaxCodeLength && !Guard.HasControlCharacters(Code))
        {
            var hash = StaffInvitation.HashOf(Code.Trim());
            invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.CodeHash == hash, ct);
        }

        var user = invitation is not null && invitation.IsOpen(time.GetUtcNow()) ? await users.FindByIdAsync(invitation.UserId.ToString()) : null;
        if (invitation is null || user is null || await users.IsLockedOutAsync(user))
        {
            throttle.RecordFailure(HttpContext, null);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return (null, null);
        }

        Valid = true;
        ForCitizenOrProxy = user.CitizenId is not null;
        return (invitation, user);
    }
}
