using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signInManager, Sessions sessions) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Courses/Index");

    /// <summary>The provider's end-session address with the identity token as hint; set when the page is shown.</summary>
    public string ProviderSignOutUrl { get; private set; } = string.Empty;

    public string ProviderName { get; private set; } = string.Empty;

    /// <summary>
    /// Ends the account's sessions server-side (a copy of this cookie stops working too), then clears the cookie.
    /// Someone who signed in through an identity provider then gets a page that sends them on to sign out there
    /// too; the provider brings them back to the login page. Everyone else goes straight to the login page.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var loginPage = Url.Page("/Account/Login")!;
        var atProvider = await ProviderSignOut.PrepareAsync(HttpContext, loginPage, cancellationToken);
        if (await signInManager.UserManager.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(user, cancellationToken);
        }

        await signInManager.SignOutAsync();
        if (atProvider is not var (provider, properties))
        {
            return LocalRedirect(loginPage);
        }

        await HttpContext.SignOutAsync(provider.Scheme, properties);
        if (HttpContext.Items[ProviderSignOut.EndSessionUrlItem] is not string url)
        {
            return LocalRedirect(loginPage);
        }

        ProviderSignOutUrl = url;
        ProviderName = provider.DisplayName;
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity()); // the page is shown signed out
        return Page();
    }
}
