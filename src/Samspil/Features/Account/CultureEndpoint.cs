using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace Samspil.Features.Account;

public static class CultureEndpoint
{
    /// <summary>Switches the UI language (da/en) with a cookie and goes back to where the user was.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", async (HttpContext context, IAntiforgery antiforgery, string culture, string? returnUrl) =>
        {
            // The form carries the antiforgery token, so another site cannot switch a user's language for them.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var chosen = culture == "en" ? "en" : "da";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
