using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.BrowserTests;

/// <summary>The browser fixture with a real OpenID Connect provider on loopback configured as the staff IdP and the MitID broker.</summary>
public class OidcBrowserFixture : BrowserFixture
{
    public TestIdentityProvider IdentityProvider { get; } = new();

    public override async Task InitializeAsync()
    {
        await IdentityProvider.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        IdentityProvider.ConfigureSamspil(builder);
    }

    protected override async Task OnDisposedAsync() => await IdentityProvider.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class OidcBrowserCollection : ICollectionFixture<OidcBrowserFixture>
{
    public const string Name = "Browser with an identity provider";
}

[Collection(OidcBrowserCollection.Name)]
public sealed class OidcSignInJourneyTests(OidcBrowserFixture fixture)
{
    [Fact]
    public async Task An_invited_staff_member_activates_through_the_identity_provider_and_signs_in_with_its_button_later()
    {
        var (userId, displayName) = await NewStaffAccountAsync("admin.odense");
        var activationUrl = await InviteAsync("admin.odense", userId);
        fixture.IdentityProvider.NextIdentity = new TestIdentity("browser-" + Guid.NewGuid().ToString("N"));

        var page = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(activationUrl).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aktivér din konto", Level = 1 })).ToBeVisibleAsync();
        // The first round trip also fetches the provider's discovery document and keys: slow on a busy machine.
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med Region Test-IdP" }).ClickAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(displayName, new() { Timeout = 60_000 });
        // Not yet in the directory (no practitioner role), so not a professional with a work queue: the course list.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Courses$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "oidc-activated.png") });
        await page.Context.CloseAsync();

        // A fresh browser: the sign-in page's button, the provider, in.
        var later = await fixture.NewPageAsync();
        await later.GotoAsync("/Account/Login");
        await later.GetByRole(AriaRole.Link, new() { Name = "Log ind med Region Test-IdP" }).ClickAsync();
        await Assertions.Expect(later.GetByTestId("signed-in-user")).ToHaveTextAsync(displayName);
        await later.Context.CloseAsync();

        // Someone the provider knows but Samspil does not.
        fixture.IdentityProvider.NextIdentity = new TestIdentity("browser-stranger-" + Guid.NewGuid().ToString("N"));
        var stranger = await fixture.NewPageAsync();
        await stranger.GotoAsync("/Account/Login");
        await stranger.GetByRole(AriaRole.Link, new() { Name = "Log ind med Region Test-IdP" }).ClickAsync();
        await Assertions.Expect(stranger.GetByTestId("external-refused")).ToContainTextAsync("Vi kender dig ikke");
        await stranger.Context.CloseAsync();
        fixture.AssertNoCspViolations();
    }

    private async Task<(Guid Id, string DisplayName)> NewStaffAccountAsync(string adminLogin)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync(adminLogin))!;
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = "browser." + Guid.NewGuid().ToString("N")[..12], DisplayName = "Nina Demo-Nyansat", OrganizationId = admin.OrganizationId };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, SamspilRoles.Professional)).Succeeded);
        return (user.Id, user.DisplayName);
    }

    private async Task<string> InviteAsync(string adminLogin, Guid userId)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = adminLogin, password = BrowserFixture.DemoPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var response = await client.PostAsync($"/api/v1/accounts/{userId}/invitations", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activationUrl").GetString()!;
    }
}
