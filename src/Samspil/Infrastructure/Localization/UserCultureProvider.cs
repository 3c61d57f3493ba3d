using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;
using Samspil.Infrastructure.Security;

namespace Samspil.Infrastructure.Localization;

/// <summary>
/// Chooses the request's language from who is asking. It runs in the request-localisation step (before the exception handler,
/// so error pages and problem details follow it too) and reads the signed-in user itself:
/// <list type="bullet">
/// <item>An explicit choice (the <c>?culture=</c> query, the culture cookie set by the chooser, or an app's Accept-Language with
/// a bearer token) wins, then a citizen's recorded preferred language (a claim set at sign-in), then the browser's
/// Accept-Language, then Danish.</item>
/// <item>Staff (professionals and administrators) get only Danish or English: any other language becomes Danish.</item>
/// </list>
/// A proxy has no recorded language of their own: their own choice in this browser, else Accept-Language, else Danish.
/// </summary>
public sealed class UserCultureProvider : RequestCultureProvider
{
    /// <summary>A citizen's <c>Citizen.PreferredLanguage</c> at sign-in, when it is one of Samspil's languages.</summary>
    public const string PreferredLanguageClaim = "samspil:preferred_language";

    private readonly QueryStringRequestCultureProvider _query = new();
    private readonly CookieRequestCultureProvider _cookie = new();
    private readonly AcceptLanguageHeaderRequestCultureProvider _acceptLanguage = new();

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        _query.Options = _cookie.Options = _acceptLanguage.Options = Options;
        // An app (a bearer token) chooses with Accept-Language; a browser's Accept-Language is only its default.
        var app = httpContext.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var chosen = Supported(await _query.DetermineProviderCultureResult(httpContext))
            ?? Supported(await _cookie.DetermineProviderCultureResult(httpContext))
            ?? (app ? Supported(await _acceptLanguage.DetermineProviderCultureResult(httpContext)) : null);
        var user = await SignedInUserAsync(httpContext);

        if (user is not null && CurrentUser.From(user).IsStaff)
        {
            var staff = chosen ?? Supported(await _acceptLanguage.DetermineProviderCultureResult(httpContext));
            return Result(staff is not null && SamspilCultures.Staff.Contains(staff) ? staff : SamspilCultures.Danish);
        }

        var preferred = user?.FindFirstValue(PreferredLanguageClaim);
        var language = chosen
            ?? (SamspilCultures.IsSupported(preferred) ? preferred : null)
            ?? Supported(await _acceptLanguage.DetermineProviderCultureResult(httpContext));
        return language is null ? null : Result(language);
    }

    /// <summary>
    /// The signed-in user, by the same authentication the pipeline runs later (the handlers cache the result for the request).
    /// Requests for files (a dot in the last segment: css, js, images) are not authenticated here: they need no language.
    /// </summary>
    private static async Task<ClaimsPrincipal?> SignedInUserAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path[(path.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        var result = await context.AuthenticateAsync();
        return result.Succeeded ? result.Principal : null;
    }

    /// <summary>The first language of a provider's answer that Samspil speaks ("ar-EG" counts as "ar").</summary>
    private static string? Supported(ProviderCultureResult? result)
    {
        foreach (var name in result?.UICultures ?? [])
        {
            var value = name.Value ?? string.Empty;
            var dash = value.IndexOf('-', StringComparison.Ordinal);
            var code = (dash > 0 ? value[..dash] : value).ToLowerInvariant();
            if (SamspilCultures.IsSupported(code))
            {
                return code;
            }
        }

        return null;
    }

    private static ProviderCultureResult Result(string code) => new(new StringSegment(code), new StringSegment(code));
}
