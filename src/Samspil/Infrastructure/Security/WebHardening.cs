using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.Security;

/// <summary>
/// The web-facing controls that every answer shares: security headers, forwarded headers and
/// HTTPS behind a proxy, the public base URL for links, and the antiforgery rule for cookie
/// requests to the API. See docs/security.md for what each one answers.
/// </summary>
public static class WebHardening
{
    /// <summary>
    /// The Content-Security-Policy of every answer. No inline script and no inline style: pages load
    /// their scripts from /js and their styles from /css. Images may be data: URIs (none are today).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar) is a third-party page that configures itself with an inline script
    /// and inline styles. It is public, holds no data and is only relaxed for those two; it still may not be framed.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()";

    public static WebApplicationBuilder AddSamspilWebHardening(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebSecurityOptions.Section);
        var web = section.Get<WebSecurityOptions>() ?? new WebSecurityOptions();
        web.PublicBaseUrl = WebSecurityOptions.Resolve(builder.Configuration);
        if (!Uri.TryCreate(web.PublicBaseUrl, UriKind.Absolute, out var publicBase) || (publicBase.Scheme != Uri.UriSchemeHttp && publicBase.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException("Samspil:PublicBaseUrl must be an absolute http(s) address.");
        }

        var services = builder.Services;
        services.Configure<WebSecurityOptions>(section);
        services.PostConfigure<WebSecurityOptions>(o => o.PublicBaseUrl = web.PublicBaseUrl);
        services.AddOptions<SignInLimitOptions>()
            .Bind(builder.Configuration.GetSection(SignInLimitOptions.Section))
            .Validate(o => o.FailuresPerAccount > 0 && o.FailuresPerAddress > 0 && o.WindowSeconds > 0, "RateLimiting:SignIn limits and window must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<PasswordSignIn>();

        // No "Server: Kestrel": it tells an attacker which server and version to look up.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the client address and the scheme: links never come from the Host header (see PublicBaseUrl).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            if (web.KnownProxies.Count > 0 || web.KnownNetworks.Count > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in web.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in web.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddHttpsRedirection(options =>
        {
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            options.HttpsPort = publicBase.Port;
        });

        // The public host is always allowed; AllowedHosts adds others (e.g. an internal name for health checks).
        services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (!options.AllowedHosts.Contains("*") && !options.AllowedHosts.Contains(publicBase.Host, StringComparer.OrdinalIgnoreCase))
            {
                options.AllowedHosts.Add(publicBase.Host);
            }
        });

        if (web.PublicIsHttps)
        {
            // Served over https: the cookies are never sent in clear, even if a proxy forwards plain http.
            services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            services.PostConfigure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        return builder;
    }

    /// <summary>Security headers on every answer: pages, API, static files, errors and 404s.</summary>
    public static IApplicationBuilder UseSamspilSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set when the answer starts, so an exception handler or status-code page that clears the response keeps them.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    // An answer with a stricter policy of its own (attachment downloads: sandbox) keeps it.
                    headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase) ? ApiReferencePolicy : ContentSecurityPolicy;
                }
                else if (!headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.ToString() + "; frame-ancestors 'none'";
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers.Remove("Server");
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    /// <summary>Forwarded headers (when behind a proxy), then HSTS and HTTPS redirection (when the public address is https).</summary>
    public static IApplicationBuilder UseSamspilTransportSecurity(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<IOptions<WebSecurityOptions>>().Value;
        if (web.BehindProxy)
        {
            app.UseForwardedHeaders();
        }

        if (web.PublicIsHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        return app;
    }

    /// <summary>
    /// One rule for every cookie-authenticated unsafe request under /api: it must carry the
    /// antiforgery token in the <c>RequestVerificationToken</c> header. A browser sends the cookie on
    /// a request from any page of the same site (a sibling host, a form posted from elsewhere); only
    /// Samspil's own pages can read the token. Bearer-token requests are not affected: a browser never
    /// adds the Authorization header on its own.
    /// </summary>
    public static IApplicationBuilder UseApiAntiforgeryForCookies(this IApplicationBuilder app) =>
        app.UseWhen(NeedsAntiforgery, api => api.Use(async (context, next) =>
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (await antiforgery.IsRequestValidAsync(context))
            {
                await next(context);
                return;
            }

            var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = localizer["Security.Antiforgery.Title"],
                    Detail = localizer["Security.Antiforgery.Detail"],
                },
            });
        }));

    private static bool NeedsAntiforgery(HttpContext context)
    {
        var request = context.Request;
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.User.Identity?.IsAuthenticated == true;
    }
}
