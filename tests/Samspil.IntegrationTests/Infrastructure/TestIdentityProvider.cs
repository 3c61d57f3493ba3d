using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Samspil.IntegrationTests.Infrastructure;

/// <summary>Who the test identity provider says signed in: a subject and any further claims (e.g. a CPR claim).</summary>
public sealed record TestIdentity(string Subject, IReadOnlyDictionary<string, string>? Claims = null);

/// <summary>
/// A real OpenID Connect provider (OpenIddict server) on Kestrel at 127.0.0.1 with an ephemeral port.
/// Discovery, keys, authorization, token and end-session endpoints are OpenIddict's own; only the login screen is
/// missing: the authorization endpoint signs in <see cref="NextIdentity"/> at once. It runs in
/// OpenIddict's documented "degraded mode" (no application or token store), so the client
/// (<see cref="ClientId"/>/<see cref="ClientSecret"/>) and its redirect addresses are checked by the
/// handlers below, and PKCE (S256) is required.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "samspil-test";
    public const string ClientSecret = "samspil-test-secret-1234567890";
    public const string StaffProvider = "region";
    public const string CitizenProvider = "mitid";
    public const string CprClaim = "dk:gov:saml:attribute:CprNumberIdentifier";

    private WebApplication? _app;

    public Uri Authority { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Whom the next authorization request signs in; null refuses with access_denied.</summary>
    public TestIdentity? NextIdentity { get; set; }

    /// <summary>The query parameters of every authorization request received, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string?>> AuthorizationRequests { get; } = new();

    /// <summary>
    /// Every end-session (RP-initiated logout) request received, in order: the subject of the identity token
    /// the client sent as <c>id_token_hint</c> (null when none or not one of ours) and its <c>post_logout_redirect_uri</c>.
    /// </summary>
    public ConcurrentQueue<(string? HintSubject, string? PostLogoutRedirectUri)> EndSessionRequests { get; } = new();

    /// <summary>How many authorization codes the token endpoint redeemed.</summary>
    public int CodesRedeemed => _codesRedeemed;

    private int _codesRedeemed;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, "mitid", "ssn");
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect) || !redirect.AbsolutePath.StartsWith("/signin-oidc-", StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                }

                return default;
            }));

            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }
                else
                {
                    Interlocked.Increment(ref _codesRedeemed);
                }

                return default;
            }));

            // Degraded mode checks no post-logout address itself: only Samspil's signed-out callbacks are accepted.
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } back
                    && (!Uri.TryCreate(back, UriKind.Absolute, out var redirect) || !redirect.AbsolutePath.StartsWith("/signout-callback-oidc-", StringComparison.Ordinal)))
                {
                    context.Reject(Errors.InvalidRequest, "Unknown post_logout_redirect_uri.");
                }

                return default;
            }));

            options.AddEventHandler<HandleEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                EndSessionRequests.Enqueue((context.IdentityTokenHintPrincipal?.GetClaim(Claims.Subject), context.Request.PostLogoutRedirectUri));
                context.SignOut();
                return default;
            }));

            options.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                AuthorizationRequests.Enqueue(context.Request.GetParameters().ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal));
                if (NextIdentity is not { } who)
                {
                    context.Reject(Errors.AccessDenied, "The test user cancelled.");
                    return default;
                }

                var identity = new ClaimsIdentity("TestIdentityProvider", Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, who.Subject);
                foreach (var (type, value) in who.Claims ?? new Dictionary<string, string>())
                {
                    identity.SetClaim(type, value);
                }

                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(context.Request.GetScopes());
                principal.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
                context.SignIn(principal);
                return default;
            }));
        });

        _app = builder.Build();
        _app.UseAuthentication();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Authority = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Configures a Samspil test host with two providers on this server: staff ("region") and a MitID broker ("mitid").</summary>
    public void ConfigureSamspil(IWebHostBuilder builder)
    {
        foreach (var (name, kind, display) in new[] { (StaffProvider, "Staff", "Region Test-IdP"), (CitizenProvider, "Citizen", "MitID") })
        {
            var prefix = $"Authentication:OpenIdConnect:Providers:{name}:";
            builder.UseSetting(prefix + "Authority", Authority.ToString());
            builder.UseSetting(prefix + "ClientId", ClientId);
            builder.UseSetting(prefix + "ClientSecret", ClientSecret);
            builder.UseSetting(prefix + "Kind", kind);
            builder.UseSetting(prefix + "DisplayName", display);
            builder.UseSetting(prefix + "RequireHttpsMetadata", "false");
        }

        builder.UseSetting($"Authentication:OpenIdConnect:Providers:{CitizenProvider}:CprClaim", CprClaim);
        builder.UseSetting($"Authentication:OpenIdConnect:Providers:{CitizenProvider}:Scopes:0", "mitid");
        builder.UseSetting($"Authentication:OpenIdConnect:Providers:{CitizenProvider}:Scopes:1", "ssn");

        // The provider, its tokens' lifetimes and the client's cookie jar live on the real clock, not the tests' fixed "now".
        builder.ConfigureTestServices(services => services.PostConfigureAll<OpenIdConnectOptions>(o => o.TimeProvider = TimeProvider.System));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
