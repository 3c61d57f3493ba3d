using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Features.Demo;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

public sealed class LoginModel(PasswordSignIn signIn, IStringLocalizer<SharedResource> localizer, IOptions<DemoOptions> demo, OidcProviders providers, ExternalSignIn external) : PageModel
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

    /// <summary>Sends the person to the chosen identity provider (authorization code flow with PKCE).</summary>
    public IActionResult OnGetExternal(string? provider)
    {
        if (providers.Find(provider) is not { } chosen)
        {
            return NotFound();
        }

        return Challenge(external.Challenge(chosen, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, invitationCode: null), chosen.Scheme);
    }

    public ExternalLinksModel ExternalLinks(string heading) => new(
        heading,
        providers.All,
        p => Url.Page("/Account/Login", "External", new { provider = p.Name, returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null })!);

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.SignInAsync(HttpContext, Username, Password, IdentityConstants.ApplicationScheme);
        switch (result.Outcome)
        {
            case PasswordSignInOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case PasswordSignInOutcome.TwoFactorRequired:
                return RedirectToPage("/Account/TwoFactor", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
            case PasswordSignInOutcome.EnrolmentRequired:
                return RedirectToPage("/Account/TwoFactorSetup", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
            case PasswordSignInOutcome.Throttled:
                SignInThrottle.SetRetryAfter(Response, result.RetryAfter);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ModelState.AddModelError(string.Empty, string.Format(CultureInfo.CurrentCulture, localizer["Auth.TooMany"], Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalMinutes))));
                return Page();
            default:
                // Unknown name, wrong password or locked account: one message.
                ModelState.AddModelError(string.Empty, localizer["Auth.Invalid"]);
                return Page();
        }
    }
}
