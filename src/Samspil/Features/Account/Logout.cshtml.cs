using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signInManager, Sessions sessions) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Courses/Index");

    /// <summary>
    /// Ends the account's sessions server-side (a copy of this cookie stops working too), then clears the cookie.
    /// Someone who signed in through an identity provider is then signed out there too, and comes back to the login page.
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
        return atProvider is var (scheme, properties) ? SignOut(properties, scheme) : LocalRedirect(loginPage);
    }
}
