using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>
/// A staff member's own sign-in security: whether two-factor sign-in is on, how many recovery codes are left,
/// and (with a current code, so a borrowed session cannot take the account over) a new authenticator app or new recovery codes.
/// </summary>
[Authorize(Policy = SamspilPolicies.Staff)]
public sealed class SecurityModel(SignInManager<AppUser> signInManager, TwoFactor twoFactor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>An account signed in through an identity provider (no local password) is not asked for a code here.</summary>
    public bool External { get; private set; }

    /// <summary>New recovery codes, shown on this answer only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signInManager.UserManager.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>Throws the old key away and turns two-factor sign-in off; the person sets up the app again at once.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await signInManager.UserManager.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!await ConfirmAsync(user))
        {
            return Page();
        }

        await twoFactor.ResetAsync(user);
        if (await twoFactor.IsRequiredAsync(user))
        {
            // Required: no full session without an app, so back to the partial sign-in until it is set up.
            await signInManager.SignOutAsync();
            await TwoFactor.BeginEnrolmentAsync(HttpContext, user);
        }
        else
        {
            await signInManager.RefreshSignInAsync(user);
        }

        return RedirectToPage("/Account/TwoFactorSetup");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await signInManager.UserManager.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!await ConfirmAsync(user))
        {
            return Page();
        }

        RecoveryCodes = await twoFactor.NewRecoveryCodesAsync(user);
        await LoadAsync(user);
        return Page();
    }

    /// <summary>A code from the app or a recovery code; wrong ones count towards lockout as at sign-in.</summary>
    private async Task<bool> ConfirmAsync(AppUser user)
    {
        await LoadAsync(user);
        if (!Enabled)
        {
            ModelState.AddModelError(nameof(Code), localizer["Security.NotEnabled"]);
            return false;
        }

        var check = TwoFactor.NormalizeAuthenticatorCode(Code) is not null
            ? await twoFactor.CheckAsync(user, Code, recoveryCode: null)
            : await twoFactor.CheckAsync(user, code: null, recoveryCode: Code);
        if (check == TwoFactorCodeCheck.Accepted)
        {
            await LoadAsync(user);
            return true;
        }

        ModelState.AddModelError(nameof(Code), localizer[check == TwoFactorCodeCheck.Missing ? "Security.CodeMissing" : "TwoFactor.CodeWrong"]);
        return false;
    }

    private async Task LoadAsync(AppUser user)
    {
        var users = signInManager.UserManager;
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Required = await twoFactor.IsRequiredAsync(user);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        External = !await users.HasPasswordAsync(user);
    }
}
