using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Sessions end on the server: after logout, lockout or a change of roles, a copy of the old cookie or
/// bearer token is refused on its next request, and refresh tokens work once. Every test signs in its
/// own demo login, since ending a session ends it for every client of that account.
/// </summary>
public abstract class SessionRevocationTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_cookie_replayed_after_logout_is_refused_by_pages_and_the_API()
    {
        var cookie = await SignInWithCookieAsync("laege1");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
        var page = await SendAsync(HttpMethod.Get, "/Courses", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var logout = await SendAsync(HttpMethod.Post, "/Account/Logout", cookie, FormWithToken(await page.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // The browser dropped the cookie; a copy of it is replayed.
        var replayedPage = await SendAsync(HttpMethod.Get, "/Courses", cookie);
        Assert.Equal(HttpStatusCode.Redirect, replayedPage.StatusCode);
        Assert.Equal("/Account/Login", replayedPage.Headers.Location!.AbsolutePath(factory));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
    }

    [Fact]
    public async Task Locking_or_deactivating_an_account_ends_its_cookie_and_bearer_token_on_the_next_request()
    {
        var cookie = await SignInWithCookieAsync("laege2");
        var token = await TokenAsync("laege2");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(token.Access)).StatusCode);

        // Deactivation is a lockout without end (Identity's way; there is no separate flag).
        await WithUserAsync("laege2", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(HttpMethod.Get, "/Courses", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(token.Refresh)).StatusCode);

        // Lifting the lockout does not bring the old sessions back: the lockout gave the account a new stamp.
        await WithUserAsync("laege2", (users, user) => users.SetLockoutEndDateAsync(user, null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync((await TokenAsync("laege2")).Access)).StatusCode);
    }

    [Fact]
    public async Task A_change_of_roles_ends_the_old_cookie_and_token_and_a_new_sign_in_carries_the_new_roles()
    {
        var cookie = await SignInWithCookieAsync("laege3");
        var token = await TokenAsync("laege3");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(token.Access)).StatusCode);

        await WithUserAsync("laege3", (users, user) => users.RemoveFromRoleAsync(user, SamspilRoles.Professional));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
        var fresh = await MeAsync((await TokenAsync("laege3")).Access);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var roles = (await fresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.DoesNotContain(SamspilRoles.Professional, roles);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_second_use_ends_the_whole_family()
    {
        var first = await TokenAsync("sygeplejerske.p1");

        var rotated = await RefreshAsync(first.Refresh);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = Pair(await rotated.Content.ReadFromJsonAsync<JsonElement>());
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(second.Access)).StatusCode);

        // Someone kept a copy of the first refresh token.
        var reused = await RefreshAsync(first.Refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);

        // The rotated token of that family is dead too, and so is the access token issued with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(second.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(second.Access)).StatusCode);

        var stored = await factory.WithDbAsync(db => Task.FromResult(db.RefreshTokens.Where(r => db.Users.Any(u => u.Id == r.UserId && u.UserName == "sygeplejerske.p1")).ToList()));
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.NotNull(r.RevokedAt));
        Assert.Single(stored.Select(r => r.FamilyId).Distinct());
        Assert.DoesNotContain(stored, r => r.TokenHash.Contains(first.Refresh, StringComparison.Ordinal) || first.Refresh.Contains(r.TokenHash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task API_logout_ends_the_bearer_token_and_the_refresh_token()
    {
        var token = await TokenAsync("behandler.vejle");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Access);

        var logout = await client.PostAsync("/api/v1/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        var refresh = await RefreshAsync(token.Refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("application/problem+json", refresh.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_cookie_caller_of_API_logout_needs_the_antiforgery_token_and_then_loses_the_cookie()
    {
        var cookie = await SignInWithCookieAsync("socialraadgiver.traume");
        var forged = await SendAsync(HttpMethod.Post, "/api/v1/auth/logout", cookie);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);

        var page = await (await SendAsync(HttpMethod.Get, "/Courses", cookie)).Content.ReadAsStringAsync();
        var logout = await SendAsync(HttpMethod.Post, "/api/v1/auth/logout", cookie, header: ("RequestVerificationToken", SamspilFactory.AntiforgeryToken(page)));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/me", cookie)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"refreshToken\":\"\"}")]
    [InlineData("{\"refreshToken\":\"garbage\"}")]
    [InlineData("{\"refreshToken\":123}")]
    [InlineData("{\"refreshToken\":")]
    [InlineData("[1,2,3]")]
    public async Task Hostile_refresh_bodies_are_problem_details_never_a_5xx(string? body)
    {
        using var client = factory.CreateClient();
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/auth/refresh", content);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.UnsupportedMediaType, $"{(int)response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.UnsupportedMediaType)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Tokens_of_the_wrong_kind_or_altered_are_refused_as_401()
    {
        var token = await TokenAsync("frivillig.trekanten");

        // An access token is no refresh token, and the other way round.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(token.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.Refresh)).StatusCode);

        // One character changed, and a very long token.
        var altered = token.Refresh[..^2] + (token.Refresh[^2] == 'A' ? 'B' : 'A') + token.Refresh[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(altered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(new string('A', 100_000))).StatusCode);

        // None of that used the real refresh token up.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(token.Refresh)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer ")]
    [InlineData("Bearer garbage")]
    public async Task API_logout_without_a_valid_session_is_401(string? authorization)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    private sealed record TokenPair(string Access, string Refresh);

    private static TokenPair Pair(JsonElement json) => new(json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);

    private async Task<TokenPair> TokenAsync(string userName)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = SamspilFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Pair(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }

    private async Task<HttpResponseMessage> MeAsync(string accessToken)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.GetAsync("/api/v1/me");
    }

    private async Task WithUserAsync(string userName, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        Assert.NotNull(user);
        Assert.True((await change(users, user)).Succeeded);
    }

    /// <summary>Signs in through the login page and returns the cookies (antiforgery and sign-in) as one Cookie header, to replay at will.</summary>
    private async Task<Dictionary<string, string>> SignInWithCookieAsync(string userName)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var login = await SendAsync(HttpMethod.Get, "/Account/Login", cookies);
        var response = await SendAsync(HttpMethod.Post, "/Account/Login", cookies, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = SamspilFactory.DemoPassword,
            ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(await login.Content.ReadAsStringAsync()),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(cookies.Keys, name => name.StartsWith("samspil.auth", StringComparison.Ordinal));
        return cookies;
    }

    private static FormUrlEncodedContent FormWithToken(string html) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(html) });

    /// <summary>
    /// Sends with the given cookies and keeps what the response sets, except that a cookie the server
    /// deletes stays in the jar: that is the copy an attacker (or a careless client) would replay.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Dictionary<string, string> cookies, HttpContent? content = null, (string Name, string Value)? header = null)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (header is { } extra)
        {
            request.Headers.Add(extra.Name, extra.Value);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && equals < pair.Length - 1)
                {
                    cookies[pair[..equals]] = pair[(equals + 1)..];
                }
            }
        }

        return response;
    }
}

internal static class LocationExtensions
{
    /// <summary>The path of a redirect's Location, relative or absolute.</summary>
    public static string AbsolutePath(this Uri location, SamspilFactory factory) =>
        (location.IsAbsoluteUri ? location : new Uri(factory.Server.BaseAddress, location)).AbsolutePath;
}

public sealed class SessionRevocationTestsOnSqlite(SqliteFactory factory) : SessionRevocationTests(factory), IClassFixture<SqliteFactory>;

public sealed class SessionRevocationTestsOnPostgres(PostgresFactory factory) : SessionRevocationTests(factory), IClassFixture<PostgresFactory>;
