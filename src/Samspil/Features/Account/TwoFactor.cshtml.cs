using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Samspil.Features.Account;

/// <summary>
/// The second step of a password sign-in for an account with an authenticator app: a 6-digit code or a
/// recovery code. Reads only Identity's partial sign-in cookie; without it the person starts over.
/// </summary>
public sealed class TwoFactorModel(SignInManager<AppUser> signInManager, TwoFactor twoFactor, SignInThrottle throttle, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() => await WaitingAsync() is { } ? Page() : await ElsewhereAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await WaitingAsync() is not { } user)
        {
            return await ElsewhereAsync();
        }

        var useRecovery = string.IsNullOrWhiteSpace(Code) && !string.IsNullOrWhiteSpace(RecoveryCode);
        SignInResult result;
        if (useRecovery)
        {
            result = TwoFactor.NormalizeRecoveryCode(RecoveryCode) is { } recovery
                ? await signInManager.TwoFactorRecoveryCodeSignInAsync(recovery)
                : SignInResult.Failed;

            // Identity does not count wrong recovery codes; we do, like wrong app codes.
            if (!result.Succeeded)
            {
                await signInManager.UserManager.AccessFailedAsync(user);
            }
        }
        else
        {
            var code = TwoFactor.NormalizeAuthenticatorCode(Code);
            if (code is null)
            {
                // Not six digits: cannot be right, and is not worth a guess.
                ModelState.AddModelError(nameof(Code), localizer["TwoFactor.CodeFormat"]);
                return Page();
            }

            signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }

        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        throttle.RecordFailure(HttpContext, user.UserName);
        if (result.IsLockedOut || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            ModelState.AddModelError(string.Empty, localizer["TwoFactor.LockedOut"]);
            return Page();
        }

        ModelState.AddModelError(useRecovery ? nameof(RecoveryCode) : nameof(Code), localizer[useRecovery ? "TwoFactor.RecoveryWrong" : "TwoFactor.CodeWrong"]);
        return Page();
    }

    /// <summary>
    /// The account of the partial sign-in, when it has an authenticator app turned on. One still waiting to set
    /// one up is not let through here (its key exists from the set-up page, but it must finish setting up).
    /// </summary>
    private async Task<AppUser?> WaitingAsync() =>
        await twoFactor.PendingEnrolmentAsync(HttpContext) is null
        && await signInManager.GetTwoFactorAuthenticationUserAsync() is { TwoFactorEnabled: true } user
            ? user
            : null;

    private async Task<IActionResult> ElsewhereAsync() =>
        await twoFactor.PendingEnrolmentAsync(HttpContext) is not null
            ? RedirectToPage("/Account/TwoFactorSetup", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null })
            : StartOver();

    private RedirectToPageResult StartOver() => RedirectToPage("/Account/Login", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
}
