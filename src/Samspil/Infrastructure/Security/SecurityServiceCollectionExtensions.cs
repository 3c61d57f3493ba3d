using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Infrastructure.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>The policy scheme that picks bearer tokens for API clients and the cookie for the web UI.</summary>
    public const string SmartScheme = "Samspil";

    public static IServiceCollection AddSamspilSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<SamspilDbContext>()
            .AddSignInManager()
            .AddUserManager<SamspilUserManager>()

            // Authenticator apps (TOTP) for two-factor sign-in; see TwoFactor.
            .AddTokenProvider<AuthenticatorTokenProvider<AppUser>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<SamspilClaimsPrincipalFactory>();

        services
            .AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, SmartScheme, options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.Events = new BearerTokenEvents { OnMessageReceived = ValidateBearerSessionAsync };
            })
            .AddCookie(IdentityConstants.ApplicationScheme, options =>
            {
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                options.AccessDeniedPath = "/Account/AccessDenied";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Cookie.Name = "samspil.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events = new CookieAuthenticationEvents
                {
                    // API clients get status codes, people get the sign-in page.
                    OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),

                    // Every request, not Identity's default of every 30 minutes: logout, lockout and a change of roles end the cookie at once.
                    OnValidatePrincipal = ValidateCookieSessionAsync,
                };
            })
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, options =>
            {
                // The partial sign-in between the password and the code (or the set-up of an authenticator app).
                // Only the two-factor pages read it; every other page and the API see an anonymous caller.
                options.Cookie.Name = "samspil.2fa";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                options.SlidingExpiration = false;
            })
            .AddSamspilOpenIdConnect(OidcProviders.FromConfiguration(configuration));
        services.AddScoped<ExternalSignIn>();
        services.Configure<TwoFactorOptions>(configuration.GetSection(TwoFactorOptions.Section));
        services.AddScoped<TwoFactor>();

        services.AddAuthorizationBuilder()
            .AddPolicy(SamspilPolicies.Staff, policy => policy.RequireRole(SamspilRoles.Professional, SamspilRoles.Administrator))
            .AddPolicy(SamspilPolicies.Administrator, policy => policy.RequireRole(SamspilRoles.Administrator))
            .AddPolicy(SamspilPolicies.Steering, policy => policy.RequireRole(SamspilRoles.Administrator, SamspilRoles.Manager));

        services.AddScoped<Sessions>();
        services.AddScoped<SessionFacts>();
        services.AddHttpContextAccessor();
        services.AddScoped<SystemScopeMarker>();
        services.AddScoped(sp => sp.GetRequiredService<SystemScopeMarker>().Active
            ? CurrentUser.System
            : CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal()));
        return services;
    }

    private static async Task ValidateCookieSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// The bearer handler only checks a token's protection and expiry. This does what it does and then
    /// checks the session against the database; a token it cannot read is left to the handler to refuse.
    /// </summary>
    private static async Task ValidateBearerSessionAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires)
        {
            return;
        }

        if (!await context.HttpContext.RequestServices.GetRequiredService<Sessions>().IsCurrentAsync(ticket.Principal))
        {
            context.Fail("The session has ended.");
            return;
        }

        // An app's token (SMART, docs/fhir-api.md) works only under /fhir and only while the user's grant stands.
        if (await Samspil.Features.SmartApps.SmartAuthorizationServer.RefuseAppTokenAsync(context.HttpContext, ticket.Principal) is { } refusal)
        {
            context.Fail(refusal);
            return;
        }

        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
