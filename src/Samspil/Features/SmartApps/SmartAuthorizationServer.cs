using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Features.Fhir;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.SmartApps;

/// <summary>Limits and checks for registered apps and their requests.</summary>
public static class SmartAppRules
{
    public const int MaxClientIdLength = 100;
    public const int MaxNameLength = 120;
    public const int MaxRedirectUriLength = 500;
    public const int MaxRedirectUris = 10;
    public const int MaxScopes = 40;
    public const int MaxParameterLength = 2000;

    /// <summary>Scopes that carry no resource access but that SMART apps commonly ask for; granted as asked.</summary>
    public static readonly IReadOnlySet<string> ContextScopes = new HashSet<string>(StringComparer.Ordinal) { "openid", "fhirUser", "launch/patient" };

    /// <summary>A scope an app may be registered with: a patient/ or user/ resource scope, or a context scope.</summary>
    public static bool IsKnownScope(string scope) =>
        ContextScopes.Contains(scope) || (FhirScopes.Parse(scope) is { } parsed && parsed.Context is "patient" or "user" && IsTypeName(parsed.Type));

    private static bool IsTypeName(string type) => type == "*" || (type.Length <= 64 && type.All(char.IsAsciiLetter));

    /// <summary>An absolute https address, or http on the loopback address (native apps, RFC 8252), without a fragment.</summary>
    public static bool IsAcceptableRedirectUri(string? value) =>
        value is { Length: > 0 and <= MaxRedirectUriLength }
        && !value.Any(char.IsControl)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    public static bool IsAcceptableClientId(string? value) =>
        value is { Length: > 0 and <= MaxClientIdLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static IReadOnlyList<string> SplitScopes(string? scope) =>
        (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>An authorization request as the app sent it (query of /smart/authorize, or the consent form's hidden fields).</summary>
public sealed record SmartAuthorizeRequest(
    string? ResponseType, string? ClientId, string? RedirectUri, string? Scope, string? State, string? CodeChallenge, string? CodeChallengeMethod, string? Aud);

/// <summary>The outcome of checking an authorization request.</summary>
public abstract record SmartAuthorizeCheck
{
    /// <summary>No trustworthy redirect address (unknown client, unregistered redirect_uri): shown to the user, never redirected.</summary>
    public sealed record Fatal(string Error, string Description) : SmartAuthorizeCheck;

    /// <summary>An OAuth error sent back to the app's redirect address.</summary>
    public sealed record RedirectError(string Location) : SmartAuthorizeCheck;

    public sealed record Valid(SmartApp App, IReadOnlyList<string> Scopes, SmartAuthorizeRequest Request) : SmartAuthorizeCheck;
}

/// <summary>An OAuth error answer of the token endpoint (RFC 6749 §5.2).</summary>
public sealed record SmartTokenError(string Error, string Description);

/// <summary>
/// Samspil's SMART App Launch authorization server (standalone launch, authorization code with PKCE S256, public
/// clients). The user signs in the normal way (the cookie); the consent screen asks them; the token endpoint issues
/// a bearer token of the same kind as <c>/api/v1/auth/token</c>, carrying the granted scopes (which narrow it, see
/// <see cref="FhirScopes"/>) and the grant's id (so revoking the app ends it). App tokens work only under /fhir.
/// </summary>
public sealed class SmartAuthorizationServer(
    SamspilDbContext db,
    SignInManager<AppUser> signInManager,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    TimeProvider time)
{
    /// <summary>The claim on an app's access token that names its grant.</summary>
    public const string GrantClaim = "samspil:smart_grant";

    public const string AuthorizePath = "/smart/authorize";
    public const string TokenPath = "/smart/token";

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public async Task<SmartAuthorizeCheck> CheckAsync(SmartAuthorizeRequest request, CurrentUser user, string fhirBaseUrl, CancellationToken cancellationToken)
    {
        if (!SmartAppRules.IsAcceptableClientId(request.ClientId)
            || await db.Set<SmartApp>().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == request.ClientId && a.DisabledAt == null, cancellationToken) is not { } app)
        {
            return new SmartAuthorizeCheck.Fatal("invalid_client", "Unknown client_id.");
        }

        if (request.RedirectUri is null || !app.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return new SmartAuthorizeCheck.Fatal("invalid_request", "The redirect_uri is not registered for this app.");
        }

        SmartAuthorizeCheck Error(string error, string description) => new SmartAuthorizeCheck.RedirectError(ErrorLocation(request.RedirectUri, error, description, request.State));

        if (new[] { request.Scope, request.State, request.CodeChallenge, request.Aud }.Any(v => v is { Length: > SmartAppRules.MaxParameterLength } || (v?.Any(char.IsControl) ?? false)))
        {
            return Error("invalid_request", "A parameter is too long or holds control characters.");
        }

        if (request.ResponseType != "code")
        {
            return Error("unsupported_response_type", "Only response_type=code is supported.");
        }

        if (string.IsNullOrEmpty(request.CodeChallenge) || request.CodeChallengeMethod != "S256" || request.CodeChallenge.Length is < 43 or > 128)
        {
            return Error("invalid_request", "PKCE is required: code_challenge (43-128 characters) with code_challenge_method=S256.");
        }

        if (request.Aud is { Length: > 0 } aud && !string.Equals(aud.TrimEnd('/'), fhirBaseUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Error("invalid_request", "aud is not this FHIR server.");
        }

        var scopes = SmartAppRules.SplitScopes(request.Scope);
        if (scopes.Count == 0 || scopes.Count > SmartAppRules.MaxScopes)
        {
            return Error("invalid_scope", "Ask for at least one scope.");
        }

        if (scopes.FirstOrDefault(s => !app.AllowedScopes.Contains(s, StringComparer.Ordinal)) is { } extra)
        {
            return Error("invalid_scope", $"The app is not registered for the scope {extra}.");
        }

        // Patient scopes only mean something for a citizen (or proxy) acting for their own data; a staff user uses user/ scopes.
        var usable = scopes.Where(s => FhirScopes.Parse(s) is not { Context: "patient" } || user.ActsForCitizen).ToList();
        if (!usable.Any(s => FhirScopes.Parse(s) is not null))
        {
            return Error("invalid_scope", user.ActsForCitizen ? "No resource scope was asked for." : "patient/ scopes are for a citizen's own data; sign in as the citizen, or ask for user/ scopes.");
        }

        return new SmartAuthorizeCheck.Valid(app, usable, request);
    }

    /// <summary>The user allowed the app: the grant (new, or the user's existing one for this app) gets a fresh code; the redirect address carries it.</summary>
    public async Task<string> AllowAsync(SmartAuthorizeCheck.Valid valid, CurrentUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grant = await db.Set<SmartAppGrant>().SingleOrDefaultAsync(g => g.AppId == valid.App.Id && g.UserId == user.UserId && g.RevokedAt == null, cancellationToken);
        if (grant is null)
        {
            grant = SmartAppGrant.Create(valid.App.Id, user.UserId, now);
            db.Add(grant);
        }

        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        grant.Allow(string.Join(' ', valid.Scopes), Hash(code), valid.Request.CodeChallenge!, valid.Request.RedirectUri!, now, CodeLifetime);
        await db.SaveChangesAsync(cancellationToken);
        return QueryHelpers.AddQueryString(valid.Request.RedirectUri!, Parameters(("code", code), ("state", valid.Request.State)));
    }

    /// <summary>The user said no (or the request was refused after the redirect address was known).</summary>
    public static string DeniedLocation(SmartAuthorizeRequest request) =>
        ErrorLocation(request.RedirectUri!, "access_denied", "The user did not allow the app.", request.State);

    /// <summary>POST /smart/token: an authorization code (with its PKCE verifier) in, an access token out.</summary>
    public async Task<(Dictionary<string, object>? Token, SmartTokenError? Error)> RedeemAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) && v.Count == 1 && v[0] is { Length: <= SmartAppRules.MaxParameterLength } s ? s : null;

        if (Field("grant_type") != "authorization_code")
        {
            return (null, new("unsupported_grant_type", "Only grant_type=authorization_code is supported."));
        }

        var clientId = Field("client_id");
        if (!SmartAppRules.IsAcceptableClientId(clientId)
            || await db.Set<SmartApp>().AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == clientId && a.DisabledAt == null, cancellationToken) is not { } app)
        {
            return (null, new("invalid_client", "Unknown client_id."));
        }

        var code = Field("code");
        var verifier = Field("code_verifier");
        var redirectUri = Field("redirect_uri");
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(redirectUri))
        {
            return (null, new("invalid_request", "code and redirect_uri are required."));
        }

        if (verifier is not { Length: >= 43 and <= 128 })
        {
            return (null, new("invalid_request", "code_verifier (43-128 characters) is required."));
        }

        var now = time.GetUtcNow();
        var codeHash = Hash(code);
        var grant = await db.Set<SmartAppGrant>().SingleOrDefaultAsync(g => g.CodeHash == codeHash, cancellationToken);
        if (grant is null || grant.AppId != app.Id || grant.RevokedAt is not null || grant.CodeExpiresAt is not { } expires || now >= expires)
        {
            return (null, new("invalid_grant", "The code is unknown, used, expired or not this app's."));
        }

        // Whatever happens next, the code is spent: a second try with it fails.
        var challenge = grant.CodeChallenge;
        var expectedRedirect = grant.CodeRedirectUri;
        grant.Redeemed(now);
        await db.SaveChangesAsync(cancellationToken);

        if (!string.Equals(expectedRedirect, redirectUri, StringComparison.Ordinal))
        {
            return (null, new("invalid_grant", "redirect_uri differs from the authorization request's."));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(S256(verifier)), Encoding.ASCII.GetBytes(challenge ?? string.Empty)))
        {
            return (null, new("invalid_grant", "code_verifier does not match the code_challenge."));
        }

        if (await signInManager.UserManager.FindByIdAsync(grant.UserId.ToString("D")) is not { } appUser || await signInManager.UserManager.IsLockedOutAsync(appUser))
        {
            return (null, new("invalid_grant", "The account cannot sign in."));
        }

        var principal = await signInManager.CreateUserPrincipalAsync(appUser);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(FhirScopes.ClaimType, grant.Scopes));
        identity.AddClaim(new Claim(GrantClaim, grant.Id.ToString("D")));
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var issuedAt = (options.TimeProvider ?? time).GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = issuedAt, ExpiresUtc = issuedAt + TokenLifetime };
        var accessToken = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme));

        var token = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["scope"] = grant.Scopes,
        };
        var user = CurrentUser.From(principal);
        if (user.ActsForCitizen && grant.Scopes.Split(' ').Any(s => FhirScopes.Parse(s) is { Context: "patient" } || s == "launch/patient"))
        {
            token["patient"] = user.CitizenId!.Value.ToString("D");
        }

        return (token, null);
    }

    /// <summary>Whether an app token's grant still stands (not revoked, app not removed).</summary>
    public static async Task<bool> IsGrantActiveAsync(SamspilDbContext db, string grantId)
    {
        if (!Guid.TryParse(grantId, out var id))
        {
            return false;
        }

        return await db.Set<SmartAppGrant>().AnyAsync(g => g.Id == id && g.RevokedAt == null
            && db.Set<SmartApp>().Any(a => a.Id == g.AppId && a.DisabledAt == null));
    }

    /// <summary>
    /// The bearer handler's extra check for app tokens: the grant still stands, and the request is under /fhir (an
    /// app's token is not a key to the rest of the API). Null when fine, otherwise why not.
    /// </summary>
    public static async Task<string?> RefuseAppTokenAsync(HttpContext http, ClaimsPrincipal principal)
    {
        if (principal.FindFirst(GrantClaim) is not { } grant)
        {
            return null;
        }

        if (!http.Request.Path.StartsWithSegments(FhirEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return "An app's token is only for /fhir.";
        }

        return await IsGrantActiveAsync(http.RequestServices.GetRequiredService<SamspilDbContext>(), grant.Value) ? null : "The app's access was revoked.";
    }

    public static string S256(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private static string ErrorLocation(string redirectUri, string error, string description, string? state) =>
        QueryHelpers.AddQueryString(redirectUri, Parameters(("error", error), ("error_description", description), ("state", state)));

    private static IEnumerable<KeyValuePair<string, string?>> Parameters(params (string Key, string? Value)[] values) =>
        values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value));
}
