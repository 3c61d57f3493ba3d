using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Account;

public static class CultureEndpoint
{
    /// <summary>
    /// Switches the UI language (da, en, ar, fa, uk) with a cookie and goes back to where the user was. An unknown code is Danish;
    /// staff may store any of the five, but their pages show only Danish or English (UserCultureProvider).
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", async (HttpContext context, IAntiforgery antiforgery, string? culture, string? returnUrl) =>
        {
            // The form carries the antiforgery token, so another site cannot switch a user's language for them.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var chosen = SamspilCultures.IsSupported(culture) ? culture! : SamspilCultures.Danish;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The same rule as <c>Url.IsLocalUrl</c>/<c>LocalRedirect</c>: a path that starts with one "/" that is not
    /// followed by "/" or "\" (browsers read "/\host" as "//host"), or "~/", with no control characters.
    /// Anything else would make <see cref="Results.LocalRedirect"/> throw, so it goes home instead.
    /// </summary>
    public static bool IsLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(char.IsControl))
        {
            return false;
        }

        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\');
        }

        return url.Length > 1 && url[0] == '~' && url[1] == '/' && (url.Length == 2 || (url[2] != '/' && url[2] != '\\'));
    }
}
