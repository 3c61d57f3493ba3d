using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Samspil.Infrastructure.Security;

/// <summary>Who signs in through an identity provider: staff through their organisation's, citizens through a MitID broker.</summary>
public enum OidcProviderKind
{
    Staff = 0,
    Citizen = 1,
}

/// <summary>One identity provider, from <c>Authentication:OpenIdConnect:Providers:&lt;name&gt;</c>.</summary>
public sealed class OidcProviderOptions
{
    public const string DefaultCprClaim = "dk:gov:saml:attribute:CprNumberIdentifier";

    /// <summary>The provider's name in configuration; also its login-provider name in the user's external logins.</summary>
    public string Name { get; set; } = string.Empty;

    public string Authority { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string? ClientSecret { get; set; }

    public OidcProviderKind Kind { get; set; } = OidcProviderKind.Staff;

    /// <summary>What the sign-in button names, e.g. "Region Syddanmark" or "MitID".</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>For a citizen broker: the claim that carries the CPR number.</summary>
    public string CprClaim { get; set; } = DefaultCprClaim;

    /// <summary>Scopes besides <c>openid</c>, e.g. a broker's <c>mitid</c> and <c>ssn</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Only for a test provider on loopback: production authorities are HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Scheme => SchemePrefix + Name;

    public string CallbackPath => "/signin-oidc-" + Name.ToLowerInvariant();

    /// <summary>Where the provider sends a person back after signing them out there (its post-logout redirect URI).</summary>
    public string SignedOutCallbackPath => "/signout-callback-oidc-" + Name.ToLowerInvariant();

    internal const string SchemePrefix = "oidc-";
}

/// <summary>The configured identity providers, in configuration order.</summary>
public sealed partial class OidcProviders(IReadOnlyList<OidcProviderOptions> all)
{
    public const string Section = "Authentication:OpenIdConnect:Providers";

    public IReadOnlyList<OidcProviderOptions> All { get; } = all;

    public OidcProviderOptions? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static OidcProviders FromConfiguration(IConfiguration configuration)
    {
        var providers = new List<OidcProviderOptions>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var provider = new OidcProviderOptions();
            section.Bind(provider);
            provider.Name = section.Key;
            if (!ProviderName().IsMatch(provider.Name))
            {
                throw new InvalidOperationException($"{Section}: a provider's name is letters, digits and dashes ('{provider.Name}' is not).");
            }

            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(provider.ClientId))
            {
                throw new InvalidOperationException($"{Section}:{provider.Name} needs an absolute Authority and a ClientId.");
            }

            if (string.IsNullOrWhiteSpace(provider.DisplayName))
            {
                provider.DisplayName = provider.Name;
            }

            if (string.IsNullOrWhiteSpace(provider.CprClaim))
            {
                provider.CprClaim = OidcProviderOptions.DefaultCprClaim;
            }

            providers.Add(provider);
        }

        return new OidcProviders(providers);
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,40}$")]
    private static partial Regex ProviderName();
}

public static class OpenIdConnectProviderRegistration
{
    /// <summary>Where the handlers send a person back once the provider has answered (or failed to).</summary>
    public const string CallbackPage = "/Account/ExternalCallback";

    /// <summary>
    /// One OpenID Connect handler per configured provider: authorization code flow with PKCE, the
    /// answer in the query string, and the result parked in Identity's short-lived external cookie
    /// until <see cref="CallbackPage"/> has matched it to an account.
    /// </summary>
    public static AuthenticationBuilder AddSamspilOpenIdConnect(this AuthenticationBuilder builder, OidcProviders providers)
    {
        builder.Services.AddSingleton(providers);
        builder.AddCookie(IdentityConstants.ExternalScheme, options =>
        {
            options.Cookie.Name = "samspil.external";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        foreach (var provider in providers.All)
        {
            builder.AddOpenIdConnect(provider.Scheme, provider.DisplayName, options =>
            {
                options.Authority = provider.Authority;
                options.ClientId = provider.ClientId;
                options.ClientSecret = provider.ClientSecret;
                options.RequireHttpsMetadata = provider.RequireHttpsMetadata;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;

                // The code comes back on a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.CallbackPath = provider.CallbackPath;
                options.SignedOutCallbackPath = provider.SignedOutCallbackPath;
                options.RemoteSignOutPath = "/signout-oidc-" + provider.Name.ToLowerInvariant(); // one per handler, not the shared default
                options.SignInScheme = IdentityConstants.ExternalScheme;

                // The tokens land in the five-minute external cookie only; ExternalSignIn keeps just the identity
                // token (the id_token_hint for signing out at the provider) in the sign-in cookie.
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.DisableTelemetry = true;
                options.Scope.Clear();
                options.Scope.Add(OpenIdConnectScope.OpenId);
                foreach (var scope in provider.Scopes.Where(s => !string.IsNullOrWhiteSpace(s) && s != OpenIdConnectScope.OpenId))
                {
                    options.Scope.Add(scope);
                }

                foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }

                options.Events = new OpenIdConnectEvents
                {
                    // A refusal or a broken answer from the provider is a readable page, never a 500.
                    OnRemoteFailure = context =>
                    {
                        context.Response.Redirect(CallbackPage + "?failed=1");
                        context.HandleResponse();
                        return Task.CompletedTask;
                    },
                    OnAccessDenied = context =>
                    {
                        context.Response.Redirect(CallbackPage + "?failed=1");
                        context.HandleResponse();
                        return Task.CompletedTask;
                    },

                    // The identity token travels in the sign-out call's parameters (never in the state, which would carry it twice).
                    // No redirect: the sign-out page sends the person on itself (see ProviderSignOut).
                    OnRedirectToIdentityProviderForSignOut = context =>
                    {
                        if (context.Properties.GetParameter<string>(ProviderSignOut.IdTokenHintParameter) is { Length: > 0 } hint)
                        {
                            context.ProtocolMessage.IdTokenHint = hint;
                        }

                        // What the handler would do after this event, which it skips once the response is handled:
                        // the protected properties (the return address) as state, for the signed-out callback.
                        context.ProtocolMessage.State = context.Options.StateDataFormat.Protect(context.Properties);
                        context.HttpContext.Items[ProviderSignOut.EndSessionUrlItem] = context.ProtocolMessage.CreateLogoutRequestUrl();
                        context.HandleResponse();
                        return Task.CompletedTask;
                    },
                };
            });
        }

        return builder;
    }
}

/// <summary>
/// Signing out at the provider too (OpenID Connect RP-initiated logout). A person who signed in through a
/// provider has the provider's name and the identity token in their sign-in cookie's (encrypted) properties;
/// logging out of Samspil then sends them to the provider's <c>end_session_endpoint</c> with the token as
/// <c>id_token_hint</c>, and the provider sends them back to <see cref="OidcProviderOptions.SignedOutCallbackPath"/>.
/// The sign-out form's answer is a page that moves on at once (a meta refresh and a button), not a redirect:
/// browsers apply the form's Content-Security-Policy (<c>form-action 'self'</c>) to every redirect after it.
/// Only the identity token is kept (typically 1–2 kB; the cookie handler splits a large cookie into chunks);
/// access and refresh tokens from the provider are not kept, Samspil does not call the provider's APIs.
/// </summary>
public static partial class ProviderSignOut
{
    /// <summary>Sign-in cookie property: the configured provider the person signed in through.</summary>
    public const string ProviderItem = "samspil.signed_in_through";

    public const string IdTokenHintParameter = "id_token_hint";

    /// <summary>HttpContext item: the provider's end-session address, built by the handler for the sign-out page.</summary>
    public const string EndSessionUrlItem = "samspil.end_session_url";

    private const string IdToken = "id_token";

    /// <summary>Properties for the sign-in cookie of someone who signed in through <paramref name="provider"/>.</summary>
    public static AuthenticationProperties SignInProperties(OidcProviderOptions provider, string? idToken)
    {
        var properties = new AuthenticationProperties();
        properties.Items[ProviderItem] = provider.Name;
        if (!string.IsNullOrEmpty(idToken))
        {
            properties.StoreTokens([new AuthenticationToken { Name = IdToken, Value = idToken }]);
        }

        return properties;
    }

    /// <summary>The identity token the provider issued, from the external sign-in's properties.</summary>
    public static string? IdTokenOf(AuthenticationProperties properties) => properties.GetTokenValue(IdToken);

    /// <summary>
    /// Read before the local sign-out: the provider and the identity token of the current sign-in, if the person
    /// signed in through a provider that offers an end-session endpoint. Null means a local sign-out only
    /// (password sign-in, a provider without the endpoint, or a provider that cannot be reached just now).
    /// </summary>
    public static async Task<(OidcProviderOptions Provider, AuthenticationProperties Properties)?> PrepareAsync(HttpContext context, string redirectUri, CancellationToken cancellationToken)
    {
        var signedIn = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (signedIn.Properties is not { } current
            || context.RequestServices.GetRequiredService<OidcProviders>().Find(current.GetString(ProviderItem)) is not { } provider
            || IdTokenOf(current) is not { Length: > 0 } idToken)
        {
            return null;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignOut));
        try
        {
            var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(provider.Scheme);
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
            {
                LogNoEndSession(logger, provider.Name);
                return null;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            // Logging out of Samspil must work while the provider is down.
            LogProviderUnavailable(logger, provider.Name, e.GetType().Name);
            return null;
        }

        var properties = new AuthenticationProperties { RedirectUri = redirectUri };
        properties.SetParameter(IdTokenHintParameter, idToken);
        return (provider, properties);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed out locally only: provider {Provider} offers no end_session_endpoint")]
    private static partial void LogNoEndSession(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signed out locally only: provider {Provider} could not be reached ({Failure})")]
    private static partial void LogProviderUnavailable(ILogger logger, string provider, string failure);
}
