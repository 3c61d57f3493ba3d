using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Features.Fhir;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.SmartApps;

/// <param name="ClientId">The OAuth client_id (letters, digits, - _ .); generated when left out.</param>
/// <param name="Name">The name the citizen sees on the consent screen.</param>
/// <param name="RedirectUris">Absolute https addresses (or http on the loopback address), exactly as the app sends them.</param>
/// <param name="Scopes">The scopes the app may ask for: patient/…, user/… resource scopes, openid, fhirUser, launch/patient.</param>
public sealed record SmartAppRequest(string? ClientId, string? Name, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string>? Scopes);

public sealed record SmartAppView(Guid Id, string ClientId, string Name, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, int ConnectedUsers);

/// <summary>A user's connected app ("Mine apps").</summary>
public sealed record ConnectedAppView(Guid GrantId, string AppName, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt, DateTimeOffset? LastTokenAt);

/// <summary>The registered apps (administrators) and each user's connected apps.</summary>
public sealed class SmartAppRegistry(SamspilDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<SmartAppView>> AppsAsync(CancellationToken cancellationToken)
    {
        var apps = await db.Set<SmartApp>().AsNoTracking().Where(a => a.DisabledAt == null).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var counts = await db.Set<SmartAppGrant>().Where(g => g.RevokedAt == null).GroupBy(g => g.AppId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. apps.Select(a => View(a, counts.GetValueOrDefault(a.Id)))];
    }

    public async Task<SmartAppView> RegisterAsync(SmartAppRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > SmartAppRules.MaxNameLength || name.Any(char.IsControl))
        {
            throw new DomainException("SmartAdmin.Invalid.Name", "name");
        }

        var clientId = string.IsNullOrWhiteSpace(request.ClientId) ? "app-" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12)) : request.ClientId.Trim();
        if (!SmartAppRules.IsAcceptableClientId(clientId))
        {
            throw new DomainException("SmartAdmin.Invalid.ClientId", "clientId");
        }

        var redirects = request.RedirectUris ?? [];
        if (redirects.Count is 0 or > SmartAppRules.MaxRedirectUris || !redirects.All(SmartAppRules.IsAcceptableRedirectUri))
        {
            throw new DomainException("SmartAdmin.Invalid.RedirectUris", "redirectUris");
        }

        var scopes = request.Scopes ?? [];
        if (scopes.Count is 0 or > SmartAppRules.MaxScopes || !scopes.All(s => s is not null && SmartAppRules.IsKnownScope(s)))
        {
            throw new DomainException("SmartAdmin.Invalid.Scopes", "scopes");
        }

        if (await db.Set<SmartApp>().AnyAsync(a => a.ClientId == clientId, cancellationToken))
        {
            throw new DomainException("SmartAdmin.Invalid.ClientIdTaken", "clientId");
        }

        var app = SmartApp.Register(clientId, name, redirects.Distinct(StringComparer.Ordinal), scopes.Distinct(StringComparer.Ordinal), time.GetUtcNow());
        db.Add(app);
        await db.SaveChangesAsync(cancellationToken);
        return View(app, 0);
    }

    /// <summary>Removes an app: no new authorizations, every connection revoked (their tokens stop at once).</summary>
    public async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Set<SmartApp>().SingleOrDefaultAsync(a => a.Id == id && a.DisabledAt == null, cancellationToken) is not { } app)
        {
            return false;
        }

        var now = time.GetUtcNow();
        app.Disable(now);
        foreach (var grant in await db.Set<SmartAppGrant>().Where(g => g.AppId == id && g.RevokedAt == null).ToListAsync(cancellationToken))
        {
            grant.Revoke(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ConnectedAppView>> ConnectedAppsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await (from g in db.Set<SmartAppGrant>().AsNoTracking()
                          join a in db.Set<SmartApp>().AsNoTracking() on g.AppId equals a.Id
                          where g.UserId == userId && g.RevokedAt == null && a.DisabledAt == null
                          select new { g.Id, a.Name, a.ClientId, g.Scopes, g.GrantedAt, g.LastTokenAt }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture).Select(r => new ConnectedAppView(r.Id, r.Name, r.ClientId, SmartAppRules.SplitScopes(r.Scopes), r.GrantedAt, r.LastTokenAt))];
    }

    /// <summary>The user revokes their own connection; false when it is not theirs or already gone.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid grantId, CancellationToken cancellationToken)
    {
        if (await db.Set<SmartAppGrant>().SingleOrDefaultAsync(g => g.Id == grantId && g.UserId == userId && g.RevokedAt == null, cancellationToken) is not { } grant)
        {
            return false;
        }

        grant.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static SmartAppView View(SmartApp a, int connected) => new(a.Id, a.ClientId, a.Name, a.RedirectUris, a.AllowedScopes, a.CreatedAt, connected);
}

/// <summary>
/// SMART on FHIR's discovery document and token endpoint, the administrators' app registry (/api/v1/smart/apps) and the
/// user's own connected apps (/api/v1/me/apps). The authorization endpoint with its consent screen is the Razor page
/// /smart/authorize (it needs the user's cookie sign-in).
/// </summary>
public static class SmartAppEndpoints
{
    public static IEndpointRouteBuilder MapSmartAppEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{FhirEndpoints.Prefix}/.well-known/smart-configuration", Configuration).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/smart-configuration", Configuration).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(SmartAuthorizationServer.TokenPath, TokenAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        var apps = app.MapGroup("/api/v1/smart/apps").WithTags("SMART apps").RequireAuthorization(SamspilPolicies.Administrator);
        apps.MapGet("/", async (SmartAppRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.AppsAsync(ct)))
            .WithName("ListSmartApps").WithSummary("The registered SMART on FHIR apps (public OAuth clients), with how many users have connected each.");
        apps.MapPost("/", RegisterAsync)
            .WithName("RegisterSmartApp").WithSummary("Registers an app: client id (generated when left out), name, redirect URIs (https, or http on the loopback address) and the scopes it may ask for. 400 with problem details on bad input.");
        apps.MapDelete("/{appId:guid}", async Task<Results<NoContent, NotFound>> (Guid appId, SmartAppRegistry registry, CancellationToken ct) =>
                await registry.RemoveAsync(appId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RemoveSmartApp").WithSummary("Removes an app: every user's connection is revoked and its tokens stop working at once.");

        var mine = app.MapGroup("/api/v1/me/apps").WithTags("SMART apps").RequireAuthorization();
        mine.MapGet("/", async (SmartAppRegistry registry, CurrentUser user, CancellationToken ct) => TypedResults.Ok(await registry.ConnectedAppsAsync(user.UserId, ct)))
            .WithName("ListMyConnectedApps").WithSummary("The apps the caller has connected to their data, with the scopes allowed.");
        mine.MapDelete("/{grantId:guid}", async Task<Results<NoContent, NotFound>> (Guid grantId, SmartAppRegistry registry, CurrentUser user, CancellationToken ct) =>
                await registry.RevokeAsync(user.UserId, grantId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeMyConnectedApp").WithSummary("Disconnects an app: its tokens stop working at once.");
        return app;
    }

    private static async Task<Created<SmartAppView>> RegisterAsync(SmartAppRequest request, SmartAppRegistry registry, CancellationToken ct)
    {
        var created = await registry.RegisterAsync(request, ct);
        return TypedResults.Created($"/api/v1/smart/apps/{created.Id}", created);
    }

    /// <summary>SMART App Launch's discovery document (SMART v2, standalone launch).</summary>
    private static IResult Configuration(HttpRequest request)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return TypedResults.Json(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["issuer"] = origin,
            ["authorization_endpoint"] = origin + SmartAuthorizationServer.AuthorizePath,
            ["token_endpoint"] = origin + SmartAuthorizationServer.TokenPath,
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["response_types_supported"] = new[] { "code" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "patient/*.read", "patient/*.rs", "user/*.read", "user/*.rs", "launch/patient", "openid", "fhirUser" },
            ["capabilities"] = new[] { "launch-standalone", "client-public", "context-standalone-patient", "permission-patient", "permission-user", "permission-v1", "permission-v2" },
            ["management_endpoint"] = origin + "/Me/Apps",
        }, contentType: "application/json");
    }

    private static async Task<IResult> TokenAsync(HttpContext http, SmartAuthorizationServer server, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Json(new { error = "invalid_request", error_description = "Send application/x-www-form-urlencoded." }, statusCode: StatusCodes.Status400BadRequest);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return TypedResults.Json(new { error = "invalid_request", error_description = "The form could not be read." }, statusCode: StatusCodes.Status400BadRequest);
        }

        var (token, error) = await server.RedeemAsync(form, ct);
        return token is not null
            ? TypedResults.Json(token)
            : TypedResults.Json(new { error = error!.Error, error_description = error.Description }, statusCode: error.Error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);
    }

    /// <summary>The SMART OAuth endpoints in the CapabilityStatement's security section (SMART App Launch's oauth-uris extension).</summary>
    public static void ContributeSecurity(Hl7.Fhir.Model.CapabilityStatement.SecurityComponent security, string fhirBaseUrl)
    {
        var origin = fhirBaseUrl[..^FhirEndpoints.Prefix.Length];
        security.Extension.Add(new Hl7.Fhir.Model.Extension
        {
            Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
            Extension =
            [
                new Hl7.Fhir.Model.Extension("authorize", new Hl7.Fhir.Model.FhirUri(origin + SmartAuthorizationServer.AuthorizePath)),
                new Hl7.Fhir.Model.Extension("token", new Hl7.Fhir.Model.FhirUri(origin + SmartAuthorizationServer.TokenPath)),
                new Hl7.Fhir.Model.Extension("manage", new Hl7.Fhir.Model.FhirUri(origin + "/Me/Apps")),
            ],
        });
    }
}

public static class SmartAppServiceCollectionExtensions
{
    public static IServiceCollection AddSamspilSmartApps(this IServiceCollection services)
    {
        services.AddScoped<SmartAuthorizationServer>();
        services.AddScoped<SmartAppRegistry>();

        // A static list shared by every host in the process (the tests start several): add once.
        lock (FhirCapabilities.SecurityContributors)
        {
            Action<Hl7.Fhir.Model.CapabilityStatement.SecurityComponent, string> contributor = SmartAppEndpoints.ContributeSecurity;
            if (!FhirCapabilities.SecurityContributors.Contains(contributor))
            {
                FhirCapabilities.SecurityContributors.Add(contributor);
            }
        }

        return services;
    }
}
