using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

public abstract class AuthTests(SamspilFactory factory)
{
    [Fact]
    public async Task Given_a_valid_login_When_a_token_is_requested_Then_it_opens_the_API()
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "sagsbehandler.odense", password = SamspilFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.True(token.GetProperty("expiresIn").GetInt32() > 0);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Birgitte Demo-Aagaard", me.GetProperty("displayName").GetString());
        Assert.Contains("Professional", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(JsonValueKind.Null, me.GetProperty("organizationId").ValueKind);
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_and_garbage_is_refused()
    {
        using var client = factory.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "ips.odense", password = SamspilFactory.DemoPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var access = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        client.DefaultRequestHeaders.Authorization = null;
        var refused = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("sagsbehandler.odense", "wrong-password")]
    [InlineData("nobody", "Samspil-demo-2026")]
    [InlineData("", "")]
    public async Task A_wrong_login_gets_a_401_problem_that_does_not_say_which_part_was_wrong(string user, string password)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(WrongLogin, problem.GetProperty("detail").GetString());
    }

    private const string WrongLogin = "Forkert brugernavn eller adgangskode. Efter fem forkerte forsøg i træk er kontoen låst i 15 minutter.";

    [Fact]
    public async Task After_five_wrong_passwords_the_account_is_locked_even_for_the_right_one_and_the_answer_does_not_say_so()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "laege4", password = "guess-" + i });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "laege4", password = SamspilFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(WrongLogin, problem.GetProperty("detail").GetString()); // the same as a wrong password: a locked account is not told apart
        var lockoutEnd = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "laege4").LockoutEnd));
        Assert.True(lockoutEnd > factory.Time.GetUtcNow());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-real-token")]
    [InlineData("Basic c2FnczpwYXNz")]
    public async Task The_API_answers_401_without_a_valid_token_and_never_redirects(string? authorization)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/api/v1/courses");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        var hashes = await factory.WithDbAsync(db => Task.FromResult(db.Users.Select(u => u.PasswordHash).ToList()));
        Assert.All(hashes, h => Assert.DoesNotContain(SamspilFactory.DemoPassword, h!, StringComparison.Ordinal));
    }
}

public sealed class AuthTestsOnSqlite(SqliteFactory factory) : AuthTests(factory), IClassFixture<SqliteFactory>;

public sealed class AuthTestsOnPostgres(PostgresFactory factory) : AuthTests(factory), IClassFixture<PostgresFactory>;
