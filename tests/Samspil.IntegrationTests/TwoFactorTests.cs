using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 14, point 1: staff sign in with a password and a code from an authenticator app (Identity's own TOTP
/// provider and recovery codes), required here as outside Development. Codes are made with <see cref="Totp"/>.
/// </summary>
public abstract partial class TwoFactorTests(SamspilFactory factory)
{
    [Fact]
    public async Task A_staff_account_without_an_authenticator_gets_no_API_token_and_is_told_to_set_one_up()
    {
        var response = await TokenAsync("behandler.vejle");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Totrinslogin skal sættes op", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("twoFactorEnrolmentRequired").GetBoolean());
    }

    [Fact]
    public async Task After_setting_up_in_the_browser_the_token_needs_the_code_and_a_refresh_needs_none()
    {
        var (browser, key, _) = await EnrolInBrowserAsync("behandler.odense");
        browser.Dispose();

        var missing = await TokenAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var problem = await ProblemAsync(missing);
        Assert.Equal("Kode fra godkendelsesappen mangler", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("twoFactorRequired").GetBoolean());

        var wrong = await TokenAsync("behandler.odense", code: Totp.WrongCode(key));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Forkert kode", (await ProblemAsync(wrong)).GetProperty("title").GetString());

        var right = await TokenAsync("behandler.odense", code: Totp.Code(key));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var token = await right.Content.ReadFromJsonAsync<JsonElement>();
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        Assert.Equal("Mette Demo-Lindberg", (await api.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("displayName").GetString());

        using var anonymous = factory.CreateClient();
        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task Until_set_up_the_partial_sign_in_opens_no_page_and_no_API_and_afterwards_sign_in_asks_for_the_code()
    {
        using var browser = Browser();
        var login = await SignInWithPasswordAsync(browser, "sagsbehandler.odense");
        Assert.StartsWith("/Account/TwoFactorSetup", login.Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);

        // Password given, app not set up: no page, no API, not even with the cookie.
        Assert.StartsWith("/Account/Login", (await browser.GetAsync("/Courses")).Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", (await browser.GetAsync("/Account/Security")).Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);

        var setup = await browser.GetStringAsync("/Account/TwoFactorSetup");
        Assert.Contains("<svg", setup, StringComparison.Ordinal);
        var key = KeyOn(setup);
        Assert.Matches("^[A-Z2-7]{32,}$", key);

        // The code page does not let a set-up skip to a full sign-in, even with a right code for the new key.
        var skip = await PostFormAsync(browser, "/Account/TwoFactor", setup, new() { ["Code"] = Totp.Code(key) });
        Assert.StartsWith("/Account/TwoFactorSetup", skip.Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Courses")).StatusCode);

        var wrong = await PostFormAsync(browser, "/Account/TwoFactorSetup", setup, new() { ["Code"] = Totp.WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Koden er forkert eller for gammel", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await PostFormAsync(browser, "/Account/TwoFactorSetup", setup, new() { ["Code"] = Totp.Code(key) });
        Assert.Equal(10, RecoveryCodesOn(await done.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Courses")).StatusCode);
        Assert.Contains("Totrinslogin er slået til", WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/Security")), StringComparison.Ordinal);

        // A new sign-in: password, then the code page; nothing opens in between.
        using var again = Browser();
        var second = await SignInWithPasswordAsync(again, "sagsbehandler.odense");
        Assert.StartsWith("/Account/TwoFactor", second.Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);
        Assert.DoesNotContain("Setup", second.Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/Courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/me")).StatusCode);

        var codePage = await again.GetStringAsync("/Account/TwoFactor");
        var refused = await PostFormAsync(again, "/Account/TwoFactor", codePage, new() { ["Code"] = Totp.WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Koden er forkert eller for gammel", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var accepted = await PostFormAsync(again, "/Account/TwoFactor", codePage, new() { ["Code"] = Totp.Code(key) });
        Assert.Equal("/", accepted.Headers.Location!.AbsolutePath(factory));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Courses")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_so_even_the_right_password_and_code_are_refused()
    {
        var (key, _) = await EnrolDirectlyAsync("laege1");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await TokenAsync("laege1", code: Totp.WrongCode(key));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await TokenAsync("laege1", code: Totp.Code(key));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Log ind mislykkedes", (await ProblemAsync(locked)).GetProperty("title").GetString()); // the answer for any failed password sign-in
        var lockoutEnd = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "laege1").LockoutEnd));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow); // Identity's lockout reads the system clock
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, codes) = await EnrolDirectlyAsync("laege2");
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("laege2", recoveryCode: codes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("laege2", recoveryCode: codes[0])).StatusCode);

        // Typed as a person might: lower case, with spaces around.
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("laege2", recoveryCode: "  " + codes[1].ToLowerInvariant() + " ")).StatusCode);
        Assert.Equal(8, await factory.WithDbAsync(async db =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            return await users.CountRecoveryCodesAsync((await users.FindByNameAsync("laege2"))!);
        }));
    }

    [Fact]
    public async Task A_citizen_still_signs_in_with_a_password_alone()
    {
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("borger.louise")).StatusCode);
    }

    public static TheoryData<string> HostileCodes => new()
    {
        new string('9', 100_000),
        "١٢٣٤٥٦", // Arabic-Indic digits
        "𝟏𝟐𝟑𝟒𝟓𝟔",
        "12\u00003456",
        "123456\r\nX-Injected: 1",
        "'; DROP TABLE \"AspNetUserTokens\"; --",
        "\u202E654321",
        "-123456",
    };

    [Theory]
    [MemberData(nameof(HostileCodes))]
    public async Task Hostile_codes_get_problem_details_and_never_a_500(string code)
    {
        var (_, _) = await EnrolDirectlyAsync("laege3", once: true);
        foreach (var body in new object[]
        {
            new { username = "laege3", password = SamspilFactory.DemoPassword, twoFactorCode = code },
            new { username = "laege3", password = SamspilFactory.DemoPassword, twoFactorRecoveryCode = code },
        })
        {
            using var client = factory.CreateClient();
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", body);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode} for a hostile code"); // 429 once the account's failures are used up
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // The code page answers with a readable message, too.
        await ResetLockoutAsync("laege4");
        await EnrolDirectlyAsync("laege4", once: true);
        using var browser = Browser();
        await SignInWithPasswordAsync(browser, "laege4");
        var page = await browser.GetStringAsync("/Account/TwoFactor");
        foreach (var field in new[] { "Code", "RecoveryCode" })
        {
            var answer = await PostFormAsync(browser, "/Account/TwoFactor", page, new() { [field] = code.Length > 10_000 ? code[..10_000] : code });
            if (code.Contains('\0', StringComparison.Ordinal))
            {
                // A NUL in a form body is refused with 400 before the page runs: the error page, not a 500.
                Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("data-testid=\"form-errors\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await ResetLockoutAsync("laege4");
    }

    [Fact]
    public async Task New_recovery_codes_need_a_current_code_and_retire_the_old_ones_and_a_reset_means_setting_up_again()
    {
        var (browser, key, oldCodes) = await EnrolInBrowserAsync("admin.odense");
        using var _ = browser;
        var page = await browser.GetStringAsync("/Account/Security");
        Assert.Contains("10 ubrugte gendannelseskoder", page, StringComparison.Ordinal);

        var noCode = await PostFormAsync(browser, "/Account/Security?handler=RecoveryCodes", page, new() { ["Code"] = string.Empty });
        Assert.Contains("Skriv en kode fra appen eller en gendannelseskode.", await noCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var renewed = await PostFormAsync(browser, "/Account/Security?handler=RecoveryCodes", page, new() { ["Code"] = Totp.Code(key) });
        var newCodes = RecoveryCodesOn(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("admin.odense", recoveryCode: oldCodes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("admin.odense", recoveryCode: newCodes[0])).StatusCode);

        page = await browser.GetStringAsync("/Account/Security");
        var reset = await PostFormAsync(browser, "/Account/Security?handler=Reset", page, new() { ["Code"] = Totp.Code(key) });
        Assert.Equal("/Account/TwoFactorSetup", reset.Headers.Location!.AbsolutePath(factory));

        // Required for staff: back in the partial sign-in until a new app is set up; the old key is gone.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Courses")).StatusCode);
        var setup = await browser.GetStringAsync("/Account/TwoFactorSetup");
        Assert.NotEqual(key, KeyOn(setup));
        Assert.Equal(HttpStatusCode.Forbidden, (await TokenAsync("admin.odense", code: Totp.Code(key))).StatusCode);
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpResponseMessage> TokenAsync(string userName, string? code = null, string? recoveryCode = null)
    {
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = SamspilFactory.DemoPassword, twoFactorCode = code, twoFactorRecoveryCode = recoveryCode });
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SignInWithPasswordAsync(HttpClient browser, string userName)
    {
        var login = await browser.GetStringAsync("/Account/Login");
        var response = await PostFormAsync(browser, "/Account/Login", login, new() { ["Username"] = userName, ["Password"] = SamspilFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formPage, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = SamspilFactory.AntiforgeryToken(formPage);
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private async Task<(HttpClient Browser, string Key, IReadOnlyList<string> RecoveryCodes)> EnrolInBrowserAsync(string userName)
    {
        var browser = Browser();
        var login = await SignInWithPasswordAsync(browser, userName);
        Assert.StartsWith("/Account/TwoFactorSetup", login.Headers.Location!.AbsolutePath(factory), StringComparison.Ordinal);
        var setup = await browser.GetStringAsync("/Account/TwoFactorSetup");
        var key = KeyOn(setup);
        var done = await PostFormAsync(browser, "/Account/TwoFactorSetup", setup, new() { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var codes = RecoveryCodesOn(await done.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        return (browser, key, codes);
    }

    /// <summary>Sets an account up without the pages (for API tests); with <paramref name="once"/>, an account already set up keeps its key.</summary>
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolDirectlyAsync(string userName, bool once = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        if (once && user.TwoFactorEnabled)
        {
            return ((await users.GetAuthenticatorKeyAsync(user))!, []);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return ((await users.GetAuthenticatorKeyAsync(user))!, codes);
    }

    private async Task ResetLockoutAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    private static string KeyOn(string html) =>
        KeyPattern().Match(html).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static List<string> RecoveryCodesOn(string html) =>
        RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}

/// <summary>A test server with two-factor sign-in required of staff, as outside Development.</summary>
public sealed class TwoFactorSqliteFactory : SqliteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:RequireTwoFactorForStaff", "true");
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class TwoFactorPostgresFactory : PostgresFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:RequireTwoFactorForStaff", "true");
    }
}

public sealed class TwoFactorTestsOnSqlite(TwoFactorSqliteFactory factory) : TwoFactorTests(factory), IClassFixture<TwoFactorSqliteFactory>;

public sealed class TwoFactorTestsOnPostgres(TwoFactorPostgresFactory factory) : TwoFactorTests(factory), IClassFixture<TwoFactorPostgresFactory>;
