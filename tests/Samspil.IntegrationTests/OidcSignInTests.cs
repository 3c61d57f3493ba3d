using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Features.Account;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Sign-in through OpenID Connect against a real provider on loopback (<see cref="TestIdentityProvider"/>):
/// every test follows the whole redirect flow as a browser does — Samspil, the provider's authorization
/// endpoint, Samspil's callback (which redeems the code over the back channel) — keeping each side's cookies.
/// </summary>
public abstract partial class OidcSignInTests(SamspilFactory factory, TestIdentityProvider idp)
{
    [Fact]
    public async Task An_invited_staff_member_links_their_provider_login_once_and_signs_in_with_it_later()
    {
        var user = await NewStaffAccountAsync("admin.odense");
        var invitation = await InviteAsync("admin.odense", user.Id);
        Assert.Contains("/Account/Activate?code=", invitation.GetProperty("activationUrl").GetString());
        var code = invitation.GetProperty("code").GetString()!;
        var subject = "staff-" + Guid.NewGuid().ToString("N");

        // First time: the invitation link, the provider's button, the provider, back.
        idp.NextIdentity = new TestIdentity(subject, new Dictionary<string, string> { ["email"] = "someone@example.org" });
        using (var browser = new Browser(factory, idp))
        {
            var activate = await browser.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
            Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
            var start = ButtonHref(await activate.Content.ReadAsStringAsync(), "Region Test-IdP");
            var end = await browser.FollowAsync(start);
            Assert.Equal("/", end.Location); // "/" sends staff to their courses and a citizen home
            Assert.Equal(user.Id, await browser.SignedInUserAsync());
        }

        // The authorization request used the code flow with PKCE.
        var request = idp.AuthorizationRequests.Last();
        Assert.Equal("code", request["response_type"]);
        Assert.Equal("S256", request["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(request["code_challenge"]));

        var logins = await factory.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == user.Id).ToListAsync());
        var login = Assert.Single(logins);
        Assert.Equal((TestIdentityProvider.StaffProvider, subject), (login.LoginProvider, login.ProviderKey));
        Assert.NotNull(await factory.WithDbAsync(db => db.StaffInvitations.Where(i => i.UserId == user.Id).Select(i => i.UsedAt).SingleAsync()));

        // Later: the login page's button, no invitation, the same person at the provider.
        using (var browser = new Browser(factory, idp))
        {
            var end = await browser.SignInThroughLoginPageAsync("Region Test-IdP");
            Assert.Equal("/", end.Location); // "/" sends staff to their courses and a citizen home
            Assert.Equal(user.Id, await browser.SignedInUserAsync());
        }
    }

    [Fact]
    public async Task A_subject_nobody_was_invited_with_gets_a_Danish_we_do_not_know_you_page_and_no_account()
    {
        var usersBefore = await factory.WithDbAsync(db => db.Users.CountAsync());

        // Same e-mail as a real account: the e-mail is no key.
        idp.NextIdentity = new TestIdentity("stranger-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { ["email"] = "sagsbehandler.odense@demo.samspil.invalid" });
        using var browser = new Browser(factory, idp);
        var end = await browser.SignInThroughLoginPageAsync("Region Test-IdP");

        Assert.Equal(HttpStatusCode.Forbidden, end.Response.StatusCode);
        Assert.Contains("Vi kender dig ikke", await end.Response.Content.ReadAsStringAsync());
        Assert.Null(await browser.SignedInUserAsync());
        Assert.Equal(usersBefore, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_used_invitation_code_is_refused_and_does_not_link_a_second_person()
    {
        var user = await NewStaffAccountAsync("admin.odense");
        var code = (await InviteAsync("admin.odense", user.Id)).GetProperty("code").GetString()!;
        var start = $"/Account/Activate?handler=Challenge&provider={TestIdentityProvider.StaffProvider}&code={Uri.EscapeDataString(code)}";

        // Two people start from the same link; the first to come back uses the invitation up.
        idp.NextIdentity = new TestIdentity("first-" + Guid.NewGuid().ToString("N"));
        using var first = new Browser(factory, idp);
        var firstAtProvider = await first.FollowUntilProviderAsync(start);
        var second = new Browser(factory, idp);
        var secondAtProvider = await second.FollowUntilProviderAsync(start);

        Assert.Equal("/", (await first.FollowAsync(firstAtProvider)).Location);
        idp.NextIdentity = new TestIdentity("second-" + Guid.NewGuid().ToString("N"));
        var refused = await second.FollowAsync(secondAtProvider);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("Invitationen er ugyldig, allerede brugt eller udl", await refused.Response.Content.ReadAsStringAsync());
        Assert.Null(await second.SignedInUserAsync());
        second.Dispose();

        // Opening the link again shows the same message, and nothing new is linked.
        using var third = new Browser(factory, idp);
        var again = await third.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("Invitationen er ugyldig", await again.Content.ReadAsStringAsync());
        Assert.Single(await factory.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == user.Id).ToListAsync()));
    }

    [Fact]
    public async Task An_invitation_that_expires_while_the_person_is_at_the_provider_is_refused_on_the_way_back()
    {
        var user = await NewStaffAccountAsync("admin.odense");
        var code = (await InviteAsync("admin.odense", user.Id)).GetProperty("code").GetString()!;
        idp.NextIdentity = new TestIdentity("late-" + Guid.NewGuid().ToString("N"));
        using var browser = new Browser(factory, idp);
        var atProvider = await browser.FollowUntilProviderAsync($"/Account/Activate?handler=Challenge&provider={TestIdentityProvider.StaffProvider}&code={Uri.EscapeDataString(code)}");

        factory.Advance(StaffInvitation.Lifetime + TimeSpan.FromMinutes(1));
        var refused = await browser.FollowAsync(atProvider);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("Invitationen er ugyldig", await refused.Response.Content.ReadAsStringAsync());
        Assert.Empty(await factory.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == user.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_citizen_signs_in_through_the_MitID_broker_by_CPR_and_the_CPR_is_never_logged()
    {
        var (citizenUserId, citizenId, cpr) = await CitizenLoginAsync("borger.louise");
        idp.NextIdentity = new TestIdentity("mitid-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = cpr });

        using var browser = new Browser(factory, idp);
        var end = await browser.SignInThroughLoginPageAsync("MitID");

        Assert.Equal("/", end.Location); // "/" sends staff to their courses and a citizen home
        var me = await browser.MeAsync();
        Assert.Equal(citizenUserId, me!.Value.GetProperty("userId").GetGuid());
        Assert.Equal(citizenId, me.Value.GetProperty("citizenId").GetGuid());
        Assert.Contains("Citizen", me.Value.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("mitid openid ssn", string.Join(' ', idp.AuthorizationRequests.Last()["scope"]!.Split(' ').Order(StringComparer.Ordinal)));
        Assert.Contains(factory.Logs.Entries, e => e.Contains("signed in through", StringComparison.Ordinal) && e.Contains(citizenUserId.ToString(), StringComparison.Ordinal));
        AssertNotLogged(cpr);
    }

    [Fact]
    public async Task A_CPR_without_a_citizen_record_gets_a_clear_page_and_no_access_and_is_not_logged()
    {
        var cpr = await UnusedCprAsync();
        idp.NextIdentity = new TestIdentity("mitid-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = cpr });

        using var browser = new Browser(factory, idp);
        var end = await browser.SignInThroughLoginPageAsync("MitID");

        Assert.Equal(HttpStatusCode.Forbidden, end.Response.StatusCode);
        Assert.Contains("Vi kan ikke finde dig i Samspil", await end.Response.Content.ReadAsStringAsync());
        Assert.Null(await browser.SignedInUserAsync());
        Assert.Contains(factory.Logs.Entries, e => e.Contains("refused: no citizen login for that CPR number", StringComparison.Ordinal));
        AssertNotLogged(cpr);
    }

    [Fact]
    public async Task A_citizen_broker_does_not_sign_in_staff_and_a_staff_provider_ignores_a_CPR_claim()
    {
        var (_, _, cpr) = await CitizenLoginAsync("borger.preben");

        // The staff provider vouching for a CPR number does not make anyone a citizen here.
        idp.NextIdentity = new TestIdentity("staff-with-cpr-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = cpr });
        using var browser = new Browser(factory, idp);
        var end = await browser.SignInThroughLoginPageAsync("Region Test-IdP");
        Assert.Equal(HttpStatusCode.Forbidden, end.Response.StatusCode);
        Assert.Null(await browser.SignedInUserAsync());
        AssertNotLogged(cpr);
    }

    [Fact]
    public async Task The_provider_refusing_gives_a_readable_page_not_an_error()
    {
        idp.NextIdentity = null;
        using var browser = new Browser(factory, idp);
        var end = await browser.SignInThroughLoginPageAsync("Region Test-IdP");
        Assert.Equal(HttpStatusCode.Forbidden, end.Response.StatusCode);
        Assert.Contains("Login blev afbrudt eller mislykkedes", await end.Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_login_page_offers_a_button_per_provider_in_the_chosen_language_without_inline_script()
    {
        using var browser = new Browser(factory, idp);
        var danish = await (await browser.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        Assert.Contains("Log ind med Region Test-IdP", danish);
        Assert.Contains("Log ind med MitID", danish);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", danish);
        var english = await (await browser.GetAsync("/Account/Login?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("Sign in with MitID", english);
    }

    [Fact]
    public async Task Only_an_administrator_of_the_accounts_own_organisation_may_invite()
    {
        var user = await NewStaffAccountAsync("admin.odense");
        using var otherAdmin = await factory.ClientForAsync("admin.traume");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsync($"/api/v1/accounts/{user.Id}/invitations", null)).StatusCode);
        using var professional = await factory.ClientForAsync("sagsbehandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.PostAsync($"/api/v1/accounts/{user.Id}/invitations", null)).StatusCode);
        using var admin = await factory.ClientForAsync("admin.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/accounts/{Guid.NewGuid()}/invitations", null)).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.StaffInvitations.CountAsync(i => i.UserId == user.Id)));
    }

    private void AssertNotLogged(string cpr)
    {
        var formatted = string.Concat(cpr.AsSpan(0, 6), "-", cpr.AsSpan(6));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Contains(cpr, StringComparison.Ordinal) || e.Contains(formatted, StringComparison.Ordinal));
    }

    private async Task<JsonElement> InviteAsync(string adminLogin, Guid userId)
    {
        using var admin = await factory.ClientForAsync(adminLogin);
        var response = await admin.PostAsync($"/api/v1/accounts/{userId}/invitations", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A new professional's account in the administrator's organisation, with no password and no login yet.</summary>
    private async Task<AppUser> NewStaffAccountAsync(string adminLogin)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync(adminLogin))!;
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = "ny." + Guid.NewGuid().ToString("N")[..12], DisplayName = "Ny Medarbejder", OrganizationId = admin.OrganizationId };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, SamspilRoles.Professional)).Succeeded);
        return user;
    }

    private Task<(Guid UserId, Guid CitizenId, string Cpr)> CitizenLoginAsync(string login) =>
        factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == login);
            var citizen = await db.Citizens.SingleAsync(c => c.Id == user.CitizenId);
            return (user.Id, citizen.Id, citizen.Cpr.Value);
        });

    private Task<string> UnusedCprAsync() =>
        factory.WithDbAsync(async db =>
        {
            var taken = (await db.Citizens.Select(c => c.Cpr).ToListAsync()).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            return Enumerable.Range(1000, 8000).Select(n => $"0304851{n % 1000:000}").First(c => !taken.Contains(c));
        });

    private static string ButtonHref(string html, string providerDisplayName)
    {
        var match = Regex.Match(html, "<a class=\"button\" href=\"([^\"]+)\">[^<]*" + Regex.Escape(providerDisplayName) + "</a>");
        Assert.True(match.Success, "No button for " + providerDisplayName);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public sealed record Hop(HttpResponseMessage Response, string? Location);

    /// <summary>Two cookie jars, one per site, and redirects followed by hand, as a browser does.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly HttpClient _samspil;
        private readonly HttpClient _provider;
        private readonly TestIdentityProvider _idp;

        public Browser(SamspilFactory factory, TestIdentityProvider idp)
        {
            _idp = idp;
            _samspil = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            _provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });
        }

        public Task<HttpResponseMessage> GetAsync(string path) => _samspil.GetAsync(path);

        public async Task<Hop> SignInThroughLoginPageAsync(string providerDisplayName)
        {
            var page = await (await _samspil.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
            return await FollowAsync(ButtonHref(page, providerDisplayName));
        }

        /// <summary>Follows redirects until the answer is not one, or until Samspil sends the person on into the application.</summary>
        public async Task<Hop> FollowAsync(string url, bool stopAtProvider = false)
        {
            var uri = new Uri(_samspil.BaseAddress!, url);
            for (var hops = 0; hops < 12; hops++)
            {
                var atProvider = uri.Authority == _idp.Authority.Authority;
                if (atProvider && stopAtProvider)
                {
                    return new Hop(new HttpResponseMessage(HttpStatusCode.Redirect), uri.ToString());
                }

                var response = await (atProvider ? _provider : _samspil).GetAsync(uri);
                if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb))
                {
                    return new Hop(response, null);
                }

                var location = response.Headers.Location!;
                if (!atProvider && !location.IsAbsoluteUri && !location.OriginalString.StartsWith("/Account/", StringComparison.Ordinal) && !location.OriginalString.StartsWith("/signin-oidc-", StringComparison.Ordinal))
                {
                    // Signed in: the application's own pages are not this test's business.
                    return new Hop(response, location.OriginalString);
                }

                uri = new Uri(uri, location);
            }

            throw new InvalidOperationException("Too many redirects.");
        }

        /// <summary>Follows from Samspil to the provider's authorization endpoint and stops there (the person is "at the provider").</summary>
        public async Task<string> FollowUntilProviderAsync(string url)
        {
            var hop = await FollowAsync(url, stopAtProvider: true);
            Assert.StartsWith(_idp.Authority.ToString(), hop.Location);
            return hop.Location!;
        }

        public async Task<JsonElement?> MeAsync()
        {
            var response = await _samspil.GetAsync("/api/v1/me");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }

        public async Task<Guid?> SignedInUserAsync() => (await MeAsync())?.GetProperty("userId").GetGuid();

        public void Dispose()
        {
            _samspil.Dispose();
            _provider.Dispose();
        }
    }
}

public sealed class OidcSignInTestsOnSqlite(OidcSqliteFactory factory) : OidcSignInTests(factory, factory.IdentityProvider), IClassFixture<OidcSqliteFactory>;

public sealed class OidcSignInTestsOnPostgres(OidcPostgresFactory factory) : OidcSignInTests(factory, factory.IdentityProvider), IClassFixture<OidcPostgresFactory>;
