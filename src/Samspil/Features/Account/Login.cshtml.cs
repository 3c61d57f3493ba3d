using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Common;
using Samspil.Features.Demo;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signInManager, IStringLocalizer<SharedResource> localizer, IOptions<DemoOptions> demo) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool ShowDemoHint => demo.Value.Seed;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password) || Guard.HasControlCharacters(Username))
        {
            ModelState.AddModelError(string.Empty, localizer["Auth.Invalid"]);
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Username.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Courses");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut ? localizer["Auth.LockedOut"] : localizer["Auth.Invalid"]);
        return Page();
    }
}
