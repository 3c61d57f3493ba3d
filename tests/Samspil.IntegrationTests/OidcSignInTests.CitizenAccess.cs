using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>Issue 14, point 2: activation letters used through the MitID broker (a real provider on loopback).</summary>
public abstract partial class OidcSignInTests
{
    [Fact]
    public async Task A_proxy_activates_through_MitID_with_the_letters_code_and_later_signs_in_with_MitID_alone()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(mette);
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var registered = await mette.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", new
        {
            proxyName = "Søster Testesen",
            relation = "søster",
            documentReference = "J.nr. 1",
            validFrom = "2026-11-01",
            categories = new[] { "StatusAndAppointments" },
            mayConsent = false,
        }, SamspilFactory.Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var answer = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var proxyUserId = answer.GetProperty("proxyUserId").GetGuid();
        var code = answer.GetProperty("code").GetString()!;

        // The proxy's own CPR number is not a citizen's in Samspil; the broker's subject is what links them.
        var subject = "mitid-proxy-" + Guid.NewGuid().ToString("N");
        idp.NextIdentity = new TestIdentity(subject, new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = await UnusedCprAsync() });
        using (var browser = new Browser(factory, idp))
        {
            var activate = await browser.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
            Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
            var end = await browser.FollowAsync(ButtonHref(await activate.Content.ReadAsStringAsync(), "MitID"));
            Assert.Equal("/", end.Location); // "/" sends staff to their courses and a citizen home
            Assert.Equal(proxyUserId, await browser.SignedInUserAsync());
        }

        Assert.NotNull(await factory.WithDbAsync(db => db.StaffInvitations.Where(i => i.UserId == proxyUserId).Select(i => i.UsedAt).SingleAsync()));

        idp.NextIdentity = new TestIdentity(subject, new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = await UnusedCprAsync() });
        using (var browser = new Browser(factory, idp))
        {
            var end = await browser.SignInThroughLoginPageAsync("MitID");
            Assert.Equal("/", end.Location); // "/" sends staff to their courses and a citizen home
            Assert.Equal(proxyUserId, await browser.SignedInUserAsync());
        }
    }

    [Fact]
    public async Task A_citizens_letter_used_through_MitID_by_someone_with_another_CPR_number_is_refused()
    {
        using var mette = await factory.ClientForAsync("behandler.odense");
        var course = await TestData.CreateCourseAsync(mette);
        var citizenId = course.GetProperty("citizen").GetProperty("id").GetGuid();
        var granted = await (await mette.PostAsync($"/api/v1/citizens/{citizenId}/access", null)).Content.ReadFromJsonAsync<JsonElement>();
        var code = granted.GetProperty("code").GetString()!;

        var (_, _, otherCpr) = await CitizenLoginAsync("borger.preben");
        idp.NextIdentity = new TestIdentity("mitid-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { [TestIdentityProvider.CprClaim] = otherCpr });
        using var browser = new Browser(factory, idp);
        var activate = await browser.GetAsync("/Account/Activate?code=" + Uri.EscapeDataString(code));
        var end = await browser.FollowAsync(ButtonHref(await activate.Content.ReadAsStringAsync(), "MitID"));
        Assert.NotEqual("/", end.Location);
        Assert.Null(await browser.SignedInUserAsync());
        Assert.Null(await factory.WithDbAsync(db => db.StaffInvitations.Where(i => i.UserId == granted.GetProperty("userId").GetGuid()).Select(i => i.UsedAt).SingleAsync()));
        AssertNotLogged(otherCpr);
    }
}
