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
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.SaveTokens = false;
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
                };
            });
        }

        return builder;
    }
}
