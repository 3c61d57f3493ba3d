using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>
/// Setting up an authenticator app: the key (grouped, and as a QR code), one code to prove it works, then
/// the recovery codes, shown once. Reached either right after the password, when two-factor sign-in is required
/// of a staff account that has none (the partial sign-in with <see cref="TwoFactor.EnrolmentClaim"/>: nothing
/// else in the application accepts it), or by a signed-in staff member from the security page.
/// </summary>
public sealed class TwoFactorSetupModel(SignInManager<AppUser> signInManager, TwoFactor twoFactor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string FormattedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public string QrCodeSvg { get; private set; } = string.Empty;

    /// <summary>Set once the code was right: shown on this answer only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>Whether the person came straight from the password (and is not signed in yet).</summary>
    public bool Pending { get; private set; }

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Pending ? "/" : "/Account/Security";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ResolveAsync() is not { } user)
        {
            // A signed-in account that is not staff has nothing here.
            return User.Identity?.IsAuthenticated == true ? NotFound() : RedirectToPage("/Account/Login", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }

        if (user.TwoFactorEnabled)
        {
            return Pending ? RedirectToPage("/Account/TwoFactor", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null }) : RedirectToPage("/Account/Security");
        }

        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ResolveAsync() is not { } user)
        {
            // A signed-in account that is not staff has nothing here.
            return User.Identity?.IsAuthenticated == true ? NotFound() : RedirectToPage("/Account/Login", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }

        if (user.TwoFactorEnabled)
        {
            return Pending ? RedirectToPage("/Account/TwoFactor", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null }) : RedirectToPage("/Account/Security");
        }

        // The person sees the key they are typing codes for, so a wrong code here is not counted towards lockout.
        var codes = await twoFactor.EnableAsync(user, Code);
        if (codes is null)
        {
            ModelState.AddModelError(nameof(Code), localizer[TwoFactor.NormalizeAuthenticatorCode(Code) is null ? "TwoFactor.CodeFormat" : "TwoFactor.CodeWrong"]);
            await ShowKeyAsync(user);
            return Page();
        }

        if (Pending)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        }
        else
        {
            // Turning it on gave the account a new security stamp; this cookie carries the new one.
            await signInManager.RefreshSignInAsync(user);
        }

        RecoveryCodes = codes;
        return Page();
    }

    /// <summary>The account being set up: the signed-in staff member, or the one waiting in the partial sign-in.</summary>
    private async Task<AppUser?> ResolveAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var signedIn = await signInManager.UserManager.GetUserAsync(User);
            return signedIn is not null && await twoFactor.IsStaffAsync(signedIn) ? signedIn : null;
        }

        Pending = true;
        return await twoFactor.PendingEnrolmentAsync(HttpContext);
    }

    private async Task ShowKeyAsync(AppUser user)
    {
        var hadKey = !string.IsNullOrEmpty(await signInManager.UserManager.GetAuthenticatorKeyAsync(user));
        var key = await twoFactor.AuthenticatorKeyAsync(user);
        if (!hadKey && !Pending)
        {
            // Making the key gave the account a new security stamp; keep this cookie valid.
            await signInManager.RefreshSignInAsync(user);
        }

        FormattedKey = TwoFactor.FormatKey(key);
        AuthenticatorUri = TwoFactor.AuthenticatorUri(user, key);
        QrCodeSvg = TwoFactor.QrCodeSvg(AuthenticatorUri);
    }
}
