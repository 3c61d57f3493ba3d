using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Samspil.Features.Fhir;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.SmartApps;

/// <summary>
/// SMART's authorization endpoint: the user signs in the normal way (the cookie; the sign-in page brings them back
/// here), sees which app wants what, and allows or denies. A request without a trustworthy redirect address (unknown
/// app, unregistered redirect_uri) is shown as an error here; any other refusal goes back to the app as an OAuth error.
/// </summary>
public sealed class AuthorizeModel(SmartAuthorizationServer server, CurrentUser user, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "response_type")]
    public string? ResponseType { get; set; }

    [BindProperty(SupportsGet = true, Name = "client_id")]
    public string? ClientId { get; set; }

    [BindProperty(SupportsGet = true, Name = "redirect_uri")]
    public string? RedirectUri { get; set; }

    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "code_challenge")]
    public string? CodeChallenge { get; set; }

    [BindProperty(SupportsGet = true, Name = "code_challenge_method")]
    public string? CodeChallengeMethod { get; set; }

    [BindProperty(SupportsGet = true, Name = "aud")]
    public string? Aud { get; set; }

    public string AppName { get; private set; } = string.Empty;

    public string? RedirectHost { get; private set; }

    public IReadOnlyList<string> WhatItReads { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>
    /// Where the browser goes on after the user allowed or denied (the app's redirect address with the code or the error).
    /// The answer to the consent form is a page that moves on at once (a meta refresh and a link), not a redirect: browsers
    /// apply the form's Content-Security-Policy (<c>form-action 'self'</c>) to every redirect after it, so a 302 to the app
    /// would be blocked.
    /// </summary>
    public string? ContinueTo { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => HandleAsync(decision: null, cancellationToken);

    public Task<IActionResult> OnPostAllowAsync(CancellationToken cancellationToken) => HandleAsync(decision: true, cancellationToken);

    public Task<IActionResult> OnPostDenyAsync(CancellationToken cancellationToken) => HandleAsync(decision: false, cancellationToken);

    private async Task<IActionResult> HandleAsync(bool? decision, CancellationToken cancellationToken)
    {
        var request = new SmartAuthorizeRequest(ResponseType, ClientId, RedirectUri, Scope, State, CodeChallenge, CodeChallengeMethod, Aud);
        switch (await server.CheckAsync(request, user, FhirEndpoints.BaseUrl(Request), cancellationToken))
        {
            case SmartAuthorizeCheck.Fatal fatal:
                Error = fatal.Description;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case SmartAuthorizeCheck.RedirectError redirect:
                return MoveOn(redirect.Location, posted: decision is not null);
            case SmartAuthorizeCheck.Valid valid when decision is true:
                return MoveOn(await server.AllowAsync(valid, user, cancellationToken), posted: true);
            case SmartAuthorizeCheck.Valid when decision is false:
                return MoveOn(SmartAuthorizationServer.DeniedLocation(request), posted: true);
            case SmartAuthorizeCheck.Valid valid:
                AppName = valid.App.Name;
                RedirectHost = new Uri(valid.Request.RedirectUri!).Host;
                WhatItReads = SmartScopeText.Describe(valid.Scopes, localizer);
                return Page();
            default:
                return BadRequest();
        }
    }

    /// <summary>To the app: a redirect for a GET, the page that moves on for an answer to the consent form (see <see cref="ContinueTo"/>).</summary>
    private IActionResult MoveOn(string location, bool posted)
    {
        if (!posted)
        {
            return Redirect(location);
        }

        ContinueTo = location;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
