using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Features.Account;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Logging out of Samspil after signing in through an identity provider signs the person out at the provider too
/// (RP-initiated logout): the whole redirect round trip against the test provider, following every hop.
/// </summary>
public abstract class ProviderSignOutTests(SamspilFactory factory, TestIdentityProvider idp)
{
    [Fact]
    public async Task Logging_out_after_a_provider_sign_in_ends_the_session_at_the_provider_and_comes_back_to_the_login_page()
    {
        var subject = "signout-" + Guid.NewGuid().ToString("N");
        var userId = await StaffSignedInThroughProviderAsync(subject);
        using var browser = new OidcBrowser(factory, idp);
        idp.NextIdentity = new TestIdentity(subject);
        await browser.FollowAsync(OidcBrowser.ButtonHref(await (await browser.GetAsync("/Account/Login")).Content.ReadAsStringAsync(), "Region Test-IdP"));
        Assert.Equal(userId, (await browser.MeAsync())?.GetProperty("userId").GetGuid());
        var endSessionsBefore = idp.EndSessionRequests.Count;
        browser.Visited.Clear();

        var signedOut = await browser.PostFormAsync("/Courses", "/Account/Logout");

        // Signed out here at once; the answer is a page that moves on to the provider by itself (a redirect would
        // break the form's CSP), with a button in case it does not.
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        var html = await signedOut.Content.ReadAsStringAsync();
        Assert.Contains("Du er logget ud af Samspil", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"signed-in-user\"", html, StringComparison.Ordinal);
        var endSession = WebUtility.HtmlDecode(Regex.Match(html, "href=\"([^\"]+)\" data-testid=\"provider-sign-out\"").Groups[1].Value);
        Assert.StartsWith(idp.Authority + "connect/endsession?", endSession, StringComparison.Ordinal);
        Assert.Contains("&state=", endSession, StringComparison.Ordinal);
        Assert.Equal(endSession, WebUtility.HtmlDecode(Regex.Match(html, "<meta http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"").Groups[1].Value));
        Assert.Null(await browser.MeAsync());

        // The provider → Samspil's signed-out callback → the login page.
        var end = await browser.FollowAsync(endSession);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Equal(
            ["/Account/Logout", "/connect/endsession", "/signout-callback-oidc-region", "/Account/Login"],
            browser.Visited.Select(u => u.AbsolutePath).ToArray());
        Assert.Equal(idp.Authority.Authority, browser.Visited[1].Authority);
        Assert.Equal(endSessionsBefore + 1, idp.EndSessionRequests.Count);
        var request = idp.EndSessionRequests.Last();
        Assert.Equal(subject, request.HintSubject); // the provider recognised its own identity token as the hint
        Assert.Equal("http://localhost/signout-callback-oidc-region", request.PostLogoutRedirectUri);
        Assert.Contains("Log ind", await end.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await browser.MeAsync());
    }

    [Fact]
    public async Task Logging_out_after_a_password_sign_in_stays_in_Samspil()
    {
        using var browser = new OidcBrowser(factory, idp);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostLoginAsync("borger.louise", SamspilFactory.DemoPassword)).StatusCode);
        Assert.NotNull(await browser.MeAsync());
        var endSessionsBefore = idp.EndSessionRequests.Count;
        browser.Visited.Clear();

        var end = await browser.PostFormAsync("/Courses", "/Account/Logout");

        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Equal(["/Account/Logout", "/Account/Login"], browser.Visited.Select(u => u.AbsolutePath).ToArray());
        Assert.Equal(endSessionsBefore, idp.EndSessionRequests.Count);
        Assert.Null(await browser.MeAsync());
        factory.ForgetSignIns();
    }

    /// <summary>A new staff account linked to <paramref name="subject"/> at the staff provider.</summary>
    private async Task<Guid> StaffSignedInThroughProviderAsync(string subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync("admin.odense"))!;
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = "udlog." + Guid.NewGuid().ToString("N")[..12], DisplayName = "Ulla Udlog", OrganizationId = admin.OrganizationId };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, SamspilRoles.Professional)).Succeeded);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo(TestIdentityProvider.StaffProvider, subject, "Region Test-IdP"))).Succeeded);
        return user.Id;
    }
}

public sealed class ProviderSignOutTestsOnSqlite(OidcSqliteFactory factory) : ProviderSignOutTests(factory, factory.IdentityProvider), IClassFixture<OidcSqliteFactory>;

public sealed class ProviderSignOutTestsOnPostgres(OidcPostgresFactory factory) : ProviderSignOutTests(factory, factory.IdentityProvider), IClassFixture<OidcPostgresFactory>;
